import { type Output } from "./example.js";
/** The unwrapped function: writes A x into y. */
export declare const plain: (A: Float64Array, x: Float64Array, y: Float64Array, n: number) => void;
/** The same function compiled to WebAssembly threads. */
export declare const kernel: import("../index.js").ParallelKernel<(A: Float64Array, x: Float64Array, y: Float64Array, n: number) => void>;
/** Input: a random n × n matrix and vector, and a zeroed y. */
export declare const makeInput: (n?: number) => [Float64Array, Float64Array, Float64Array, number];
/** y against the plain result (a vectorised dot product may round differently in the last bits). */
export declare const check: (got: Output, ref: Output) => import("./example.js").Check;
/** The demo's and the bench's record of this example. */
export declare const example: import("./example.js").Example;
