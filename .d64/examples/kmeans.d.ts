import { type Output } from "./example.js";
/** The unwrapped function: points is n × d, centroids is k × d, both row-major. */
export declare const plain: (points: Float64Array, centroids: Float64Array, labels: Int32Array, n: number, d: number, k: number) => number;
/** The same function compiled to WebAssembly threads. */
export declare const kernel: import("../index.js").ParallelKernel<(points: Float64Array, centroids: Float64Array, labels: Int32Array, n: number, d: number, k: number) => number>;
/** Input: n random points in [0,1)^d and k random centroids, labels zeroed. */
export declare const makeInput: (n?: number, d?: number, k?: number) => [Float64Array, Float64Array, Int32Array, number, number, number];
/** Labels identical to plain JS, distortion equal up to the order of summation. */
export declare const check: (got: Output, ref: Output) => import("./example.js").Check;
/** The demo's and the bench's record of this example. */
export declare const example: import("./example.js").Example;
