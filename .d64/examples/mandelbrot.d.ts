/**
 * Mandelbrot set: iteration counts of a width × height image, one prange iteration per row.
 * Rows near the set take far longer than rows outside it, so the kernel uses the dynamic
 * schedule with one row per chunk: threads claim rows as they finish, keeping all of them busy.
 */
import { type ParallelOptions } from "../index.js";
import { type Output } from "./example.js";
/** The unwrapped function: writes counts into img (row-major) and returns their total. */
export declare const plain: (img: Int32Array, width: number, height: number, maxIter: number, x0: number, y0: number, x1: number, y1: number) => number;
/** Dynamic schedule, one row per chunk. */
export declare const options: ParallelOptions;
/** The same function compiled to WebAssembly threads. */
export declare const kernel: import("../index.js").ParallelKernel<(img: Int32Array, width: number, height: number, maxIter: number, x0: number, y0: number, x1: number, y1: number) => number>;
/** Input: an empty image and the view [-2, 1] × [-1.25, 1.25]. */
export declare const makeInput: (width?: number, height?: number, maxIter?: number) => [Int32Array, number, number, number, number, number, number, number];
/** Same image and same total as plain JS (integer counts: exactly). */
export declare const check: (got: Output, ref: Output) => import("./example.js").Check;
/** The demo's and the bench's record of this example. */
export declare const example: import("./example.js").Example;
