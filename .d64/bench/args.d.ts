/** Parsed options. */
export interface BenchArgs {
    /** timed runs per variant (after one warm-up run) */
    readonly runs: number;
    /** thread counts for the scaling table; empty: no scaling table */
    readonly scaling: readonly number[];
    /** all threads: os.availableParallelism() */
    readonly allThreads: number;
    /** only these examples (by name); empty: all */
    readonly only: readonly string[];
    /** --help: print USAGE and run nothing */
    readonly help: boolean;
}
export declare const USAGE = "usage: node dist/bench/run.js [--runs N] [--threads 1,2,4,8,16] [--only pi,matvec]\n\nRuns every example as a plain for loop, as parfor on 1 thread and on all threads, and the\nhand-written worker pi; writes bench/results/.\n\n  --runs <n>          timed runs per variant after one warm-up (default 5)\n  --threads <list>    thread counts for a scaling table (default: none)\n  --only <names>      only these examples (comma-separated, e.g. pi,matvec)\n  -h, --help          show this help";
/** Parses argv (without node and the script). */
export declare function parseArgs(argv: readonly string[]): BenchArgs;
