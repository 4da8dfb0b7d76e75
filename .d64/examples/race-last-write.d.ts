import type { RaceExample } from "./race.js";
/** Racy: `val = i` is a last-write-wins race between threads. */
export declare const plain: (n: number) => number;
/** The racy kernel; its `diagnostics` name the assignment. */
export declare const kernel: import("../index.js").ParallelKernel<(n: number) => number>;
/** Fixed: Math.max is a reduction, so each thread keeps its largest index and parfor combines them. */
export declare const fixedPlain: (n: number) => number;
/** The fixed kernel: no diagnostics. */
export declare const fixed: import("../index.js").ParallelKernel<(n: number) => number>;
/** The demo's record of this race. */
export declare const race: RaceExample;
