import { type Output } from "./example.js";
/** The unwrapped function: sums the flat index of every cell of an a × b × c × d block. */
export declare const plain: (a: number, b: number, c: number, d: number) => number;
/** The same function compiled to WebAssembly threads. */
export declare const kernel: import("../index.js").ParallelKernel<(a: number, b: number, c: number, d: number) => number>;
/** Input: the four dimensions. */
export declare const makeInput: () => [number, number, number, number];
/** N(N-1)/2 computed with BigInt, so the expected value is exact whatever N is. */
export declare function exactSum(dims: readonly number[]): number;
/** Must equal N(N-1)/2 exactly. */
export declare const check: (got: Output) => import("./example.js").Check;
/** The demo's and the bench's record of this example. */
export declare const example: import("./example.js").Example;
