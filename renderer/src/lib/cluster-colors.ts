/**
 * Palette slots for Ward clusters, chosen so that a Ward cluster takes the colour of the
 * K-means cluster it overlaps most (greedy matching on the contingency table, largest cell
 * first). K-means cluster i keeps slot i. Ward clusters left unmatched get the unused slots.
 *
 * @param contingency `contingency[i][j]`: points in K-means cluster i and Ward cluster j.
 * @returns slot per Ward cluster, length = number of columns.
 */
export function matchWardSlots(contingency: number[][]): number[] {
  const rows = contingency.length;
  const cols = rows > 0 ? contingency[0].length : 0;
  const cells: { i: number; j: number; n: number }[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) cells.push({ i, j, n: contingency[i][j] });
  }
  cells.sort((a, b) => b.n - a.n || a.i - b.i || a.j - b.j);
  const slot = new Array<number>(cols).fill(-1);
  const taken = new Set<number>();
  for (const { i, j, n } of cells) {
    if (n === 0) break;
    if (slot[j] !== -1 || taken.has(i)) continue;
    slot[j] = i;
    taken.add(i);
  }
  let free = 0;
  for (let j = 0; j < cols; j++) {
    if (slot[j] !== -1) continue;
    while (taken.has(free)) free++;
    slot[j] = free;
    taken.add(free);
  }
  return slot;
}
