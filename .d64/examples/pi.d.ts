import { type Output } from "./example.js";
/** The unwrapped function: plain JavaScript, prange is an ordinary iterable here. */
export declare const plain: (nsteps: number) => number;
/** The same function compiled to WebAssembly threads. */
export declare const kernel: import("../index.js").ParallelKernel<(nsteps: number) => number>;
/** Input: the number of steps. */
export declare const makeInput: (nsteps?: number) => [number];
/** Compares with Math.PI (the midpoint error at 1e8 steps is far below rounding). */
export declare const check: (got: Output) => import("./example.js").Check;
/** The demo's and the bench's record of this example. */
export declare const example: import("./example.js").Example;
