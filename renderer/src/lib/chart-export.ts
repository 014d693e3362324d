/**
 * Saving a chart as a standalone SVG or PNG file. The SVG is the chart's own `<svg>` with the
 * computed styles of every element inlined, so it renders without the app's CSS; the PNG is that
 * SVG drawn on a canvas at twice the size (or, for a canvas-drawn map, the canvas itself).
 */

/** Presentation properties copied from the computed style of each element. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'visibility',
  'display',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'shape-rendering',
  'paint-order',
  'color',
];

/** A file name from a chart title: `rmse-per-iteration.svg`. */
export function chartFileName(title: string, ext: 'svg' | 'png'): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 60);
  return `${slug || 'chart'}.${ext}`;
}

/** The chart's main `<svg>` (legends' swatches are small inline svgs marked aria-hidden). */
export function findChartSvg(root: Element): SVGSVGElement | null {
  return root.querySelector<SVGSVGElement>('svg[role="img"]');
}

/** Serializes an `<svg>` with its computed styles inlined and the title as its `<title>`. */
export function serializeSvg(svg: SVGSVGElement, title: string): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const source = [svg, ...svg.querySelectorAll('*')];
  const target = [clone, ...clone.querySelectorAll('*')];
  source.forEach((el, i) => {
    const out = target[i] as SVGElement | undefined;
    if (!out) return;
    const computed = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => [p, computed.getPropertyValue(p)] as const)
      .filter(([, v]) => v !== '')
      .map(([p, v]) => `${p}:${v}`)
      .join(';');
    out.setAttribute('style', style);
    out.removeAttribute('class');
  });
  const { width, height } = svgSize(svg);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const ns = 'http://www.w3.org/2000/svg';
  const titleEl = document.createElementNS(ns, 'title');
  titleEl.textContent = title;
  // An opaque background in the page's colour, so dark-theme charts stay readable standalone.
  const bg = document.createElementNS(ns, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', backgroundOf(svg));
  clone.insertBefore(bg, clone.firstChild);
  clone.insertBefore(titleEl, clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Number(svg.getAttribute('width')) || Math.round(box.width) || 600;
  const height = Number(svg.getAttribute('height')) || Math.round(box.height) || 400;
  return { width, height };
}

/** The first non-transparent background colour up the tree, white when none. */
function backgroundOf(el: Element): string {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return '#ffffff';
}

/** Renders serialized SVG text to a PNG at `scale` times its size. */
export async function svgToPng(text: string, width: number, height: number, scale = 2) {
  const img = new Image();
  // The page's CSP allows images from data: URLs (not blob:).
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas available');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  return canvasToBlob(canvas);
}

export function canvasToBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('the PNG could not be encoded'))),
      'image/png',
    ),
  );
}

/** Offers a blob as a download named `name`. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves the chart inside `root` as SVG. */
export function saveChartSvg(root: Element, title: string): void {
  const svg = findChartSvg(root);
  if (!svg) throw new Error('this chart has nothing drawn yet');
  const text = serializeSvg(svg, title);
  downloadBlob(new Blob([text], { type: 'image/svg+xml' }), chartFileName(title, 'svg'));
}

/**
 * Saves the chart inside `root` as PNG at 2×. A map drawn on a canvas is saved from the canvas
 * itself (its points, at the canvas's own resolution).
 */
export async function saveChartPng(root: Element, title: string): Promise<void> {
  const svg = findChartSvg(root);
  const canvas = root.querySelector('canvas');
  let blob: Blob;
  if (canvas) {
    blob = await canvasToBlob(canvas);
  } else {
    if (!svg) throw new Error('this chart has nothing drawn yet');
    const { width, height } = svgSize(svg);
    blob = await svgToPng(serializeSvg(svg, title), width, height, 2);
  }
  downloadBlob(blob, chartFileName(title, 'png'));
}
