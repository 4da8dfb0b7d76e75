import type { RaceExample } from "./race.js";
/** Racy: every thread does `tot[0] += i * tot[1]` on the same element (tot[1] is a scale). */
export declare const plain: (tot: Float64Array, n: number) => void;
/** The racy kernel; its `diagnostics` name the update. */
export declare const kernel: import("../index.js").ParallelKernel<(tot: Float64Array, n: number) => void>;
/** Fixed: a scalar `sum +=` is a reduction (a private sum per thread, combined at the end). */
export declare const fixedPlain: (tot: Float64Array, n: number) => void;
/** The fixed kernel: no diagnostics. */
export declare const fixed: import("../index.js").ParallelKernel<(tot: Float64Array, n: number) => void>;
/** The demo's record of this race. */
export declare const race: RaceExample;
