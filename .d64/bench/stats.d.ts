/** Timing and statistics helpers for the bench. */
/** The median of a list of numbers (mean of the middle two for even lengths). */
export declare function median(xs: readonly number[]): number;
/** Timings of one variant, in ms. */
export interface Timing {
    readonly median: number;
    readonly min: number;
    readonly runs: number;
}
/** One thing to time: `setup` runs before every call, outside the timing. */
export interface Job {
    readonly run: () => void;
    readonly setup: () => void;
}
/**
 * Times several jobs in interleaved rounds (every round runs each job once, in order), so a change
 * in the machine's load during the measurement hits them all alike and their ratios stay fair.
 * `warmup` untimed rounds come first. Returns one Timing per job.
 */
export declare function measureRounds(jobs: readonly Job[], runs: number, warmup?: number): Timing[];
