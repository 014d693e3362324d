/** Small HTML builders shared by the report's sections. Cell and text content is escaped. */
import { escapeHtml } from './html-escape';

/** Raw HTML that must not be escaped again (built by this module or by a chart). */
export interface Html {
  html: string;
}

export const raw = (html: string): Html => ({ html });

type Cell = string | number | Html;

function cell(c: Cell): string {
  return typeof c === 'object' ? c.html : escapeHtml(c);
}

export function table(
  head: readonly Cell[],
  rows: readonly (readonly Cell[])[],
  className = 'data',
): string {
  const thead = `<thead><tr>${head.map((h) => `<th>${cell(h)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('');
  return `<table class="${className}">${thead}<tbody>${body}</tbody></table>`;
}

/** A grid of facts, each a term above its value. */
export function facts(items: readonly (readonly [string, Cell])[]): string {
  const rows = items
    .map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${cell(v)}</dd></div>`)
    .join('');
  return `<dl class="facts">${rows}</dl>`;
}

export function badge(
  text: string,
  kind: 'neutral' | 'good' | 'bad' | 'warn' | 'synthetic',
): string {
  return `<span class="badge badge-${kind}">${escapeHtml(text)}</span>`;
}

export function section(id: string, title: string, body: string, extraTitle = ''): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}${extraTitle}</h2>${body}</section>`;
}

export function swatch(color: string): string {
  return `<span class="swatch" style="background:${color}"></span>`;
}
