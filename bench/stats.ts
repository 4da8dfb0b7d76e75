/** Timing and statistics helpers for the bench. */

/** The median of a list of numbers (mean of the middle two for even lengths). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Timings of one variant, in ms. */
export interface Timing {
  readonly median: number;
  readonly min: number;
  readonly runs: number;
}

/**
 * Runs fn `warmup` times untimed, then `runs` times timed; returns the median and minimum.
 * `setup` runs before every call, outside the timing.
 */
export function measure(fn: () => unknown, runs: number, warmup = 1, setup: () => void = () => {}): Timing {
  for (let i = 0; i < warmup; i++) {
    setup();
    fn();
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    setup();
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return { median: median(samples), min: Math.min(...samples), runs };
}
