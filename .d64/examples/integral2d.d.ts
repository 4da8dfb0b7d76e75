import { type Output } from "./example.js";
/** The unwrapped function: an n × n grid over [0, pi]². */
export declare const plain: (n: number) => number;
/** The same function compiled to WebAssembly threads. */
export declare const kernel: import("../index.js").ParallelKernel<(n: number) => number>;
/** Input: grid size. */
export declare const makeInput: (n?: number) => [number];
/**
 * Compares with the exact value 0 (absolutely: terms cancel in pairs, so only rounding is left)
 * and with the plain result.
 */
export declare const check: (got: Output, ref: Output) => import("./example.js").Check;
/** The demo's and the bench's record of this example. */
export declare const example: import("./example.js").Example;
