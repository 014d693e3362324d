// Numbers as they appear in the engine's refusal messages.

/** 200000 → "200,000". */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Bytes in kB, MB or GB with two significant figures (decimal units). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${Number((bytes / 1e9).toPrecision(2))} GB`;
  if (bytes >= 1e6) return `${Number((bytes / 1e6).toPrecision(2))} MB`;
  if (bytes >= 1e3) return `${Number((bytes / 1e3).toPrecision(2))} kB`;
  return `${bytes} bytes`;
}

/** A duration rounded for a message: "40 seconds", "13 minutes", "2.5 hours". */
export function formatSeconds(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} seconds`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} minutes`;
  return `${Number((seconds / 3600).toPrecision(2))} hours`;
}
