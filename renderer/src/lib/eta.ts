/**
 * Seconds left for a job `fraction` done after `elapsed` seconds, assuming a steady pace; null
 * while there is too little to go on (unknown or tiny fraction, the first second) or when done.
 */
export function secondsRemaining(elapsed: number, fraction: number | null): number | null {
  if (fraction === null || !Number.isFinite(fraction) || fraction < 0.01 || fraction >= 1) {
    return null;
  }
  if (!(elapsed >= 1)) return null;
  return (elapsed * (1 - fraction)) / fraction;
}
