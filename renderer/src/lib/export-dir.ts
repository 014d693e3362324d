/** `<root>/report-2024-05-01T12-00-00`, with the separator the root already uses. */
export function freshExportDir(root: string, now = new Date()): string {
  if (!root) return '';
  const sep = root.includes('\\') && !root.includes('/') ? '\\' : '/';
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  return `${root.replace(/[\\/]+$/, '')}${sep}report-${stamp}`;
}

/** `<root>/analysis-2024-05-01T12-00-00.factorlens.json`, for "Save analysis". */
export function freshProjectPath(root: string, now = new Date()): string {
  if (!root) return '';
  const sep = root.includes('\\') && !root.includes('/') ? '\\' : '/';
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  return `${root.replace(/[\\/]+$/, '')}${sep}analysis-${stamp}.factorlens.json`;
}
