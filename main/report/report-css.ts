/** Inline stylesheet of the HTML report: readable on screen, sensible when printed to PDF. */
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f5f7; color: #1f2328;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header.top { background: #1f2a44; color: #fff; padding: 22px 32px 18px; }
header.top h1 { margin: 0 0 4px; font-size: 24px; font-weight: 650; }
header.top .sub { color: #d0d6e2; font-size: 13px; }
header.top .badge { margin-left: 8px; vertical-align: 3px; }
nav.toc { background: #fff; border-bottom: 1px solid #dde1e6; padding: 8px 32px; font-size: 13px; }
nav.toc a { color: #1f4e8c; text-decoration: none; margin-right: 18px; }
main { max-width: 1140px; margin: 0 auto; padding: 20px 24px 40px; }
section { background: #fff; border: 1px solid #dde1e6; border-radius: 8px; padding: 18px 22px 20px;
  margin-bottom: 20px; }
h2 { font-size: 19px; margin: 0 0 12px; padding-bottom: 6px; border-bottom: 2px solid #e8ebef; }
h2 .badge { margin-left: 10px; vertical-align: 2px; }
h3 { font-size: 15px; margin: 18px 0 8px; }
p.note { color: #57606a; font-size: 13px; margin: 6px 0; }
.badge { display: inline-block; font-size: 12px; font-weight: 600; padding: 2px 9px; border-radius: 10px;
  border: 1px solid transparent; }
.badge-neutral { background: #eef1f5; color: #394150; border-color: #d0d7de; }
.badge-good { background: #e3f4e8; color: #1a6b32; border-color: #a7dcb6; }
.badge-bad { background: #fde8e6; color: #a1251b; border-color: #f3b3ad; }
.badge-warn { background: #fff4d6; color: #7a5300; border-color: #f0d48a; }
.badge-synthetic { background: #fff0c2; color: #6b4a00; border-color: #e0b84c; }
dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 6px 24px;
  margin: 0 0 12px; }
dl.facts dt { color: #57606a; font-size: 12.5px; }
dl.facts dd { margin: 0 0 4px; font-size: 15px; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 12px;
  margin: 10px 0; }
svg.chart { max-width: 100%; height: auto; background: #fff; font-family: inherit; }
.charts > svg.chart, section > svg.chart { width: 100%; }
table { border-collapse: collapse; font-size: 13px; margin: 6px 0 10px; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid #e4e7eb; padding: 5px 10px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num, th.num { text-align: right; }
table.metrics td:nth-child(n+2) { text-align: right; }
.best { font-weight: 700; color: #1a6b32; }
table.contingency td, table.contingency th { text-align: right; min-width: 54px; }
table.contingency td.total, table.contingency th.total { color: #57606a; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 6px;
  vertical-align: -1px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(500px, 1fr)); gap: 14px; }
.card { border: 1px solid #dde1e6; border-radius: 8px; padding: 12px 16px; break-inside: avoid;
  border-top-width: 4px; }
.card h4 { margin: 0 0 4px; font-size: 15px; }
.card .sizes { color: #57606a; font-size: 13px; margin-bottom: 8px; }
.card .rep { background: #f6f8fa; border-radius: 6px; padding: 8px 10px; margin: 6px 0 8px; }
.card .rep .title { font-weight: 650; font-size: 15px; }
.card .label { color: #57606a; font-size: 11px; text-transform: uppercase; letter-spacing: .04em; }
.card ol { margin: 2px 0 8px; padding-left: 22px; font-size: 13px; }
.card .callout { background: #fff8e1; border-left: 3px solid #e0b84c; padding: 6px 10px; font-size: 13px;
  margin: 6px 0; }
.card p.demographics { margin: 2px 0 6px; font-size: 13px; }
.muted { color: #57606a; }
footer { color: #57606a; font-size: 12px; text-align: center; padding: 10px; }
@media print {
  body { background: #fff; }
  section { border: none; padding: 0; break-inside: auto; }
  svg.chart, .card, table { break-inside: avoid; }
  nav.toc { display: none; }
}
`;
