import { type Output } from "./example.js";
/** The unwrapped function; n must be even. */
export declare const plain: (a: number, b: number, n: number) => number;
/** The same function compiled to WebAssembly threads. */
export declare const kernel: import("../index.js").ParallelKernel<(a: number, b: number, n: number) => number>;
/** Input: interval [0, 1] and an even number of intervals. */
export declare const makeInput: (n?: number) => [number, number, number];
/** Compares with e - 1. */
export declare const check: (got: Output) => import("./example.js").Check;
/** The demo's and the bench's record of this example. */
export declare const example: import("./example.js").Example;
