/**
 * An exact integer sum: 0 + 1 + ... + (N - 1) with N = 16·64·64·64, walked as a prange over the
 * outer dimension and three serial inner loops. The total, N(N-1)/2 ≈ 8.8e12, is far beyond
 * int32 and uint32, so the kernel must keep JavaScript's number semantics (a double, exact below
 * 2^53) rather than wrap around.
 */
import { parallel, prange } from "../index.js";
import { defineExample, exactly } from "./example.js";
/** The unwrapped function: sums the flat index of every cell of an a × b × c × d block. */
export const plain = (a, b, c, d) => {
    let sum = 0;
    for (const i of prange(a)) {
        for (let j = 0; j < b; j++) {
            for (let k = 0; k < c; k++) {
                const base = ((i * b + j) * c + k) * d;
                for (let l = 0; l < d; l++) {
                    sum += base + l;
                }
            }
        }
    }
    return sum;
};
/** The same function compiled to WebAssembly threads. */
export const kernel = parallel(plain);
const DIMS = [16, 64, 64, 64];
/** Input: the four dimensions. */
export const makeInput = () => [...DIMS];
/** N(N-1)/2 computed with BigInt, so the expected value is exact whatever N is. */
export function exactSum(dims) {
    const n = dims.reduce((p, x) => p * BigInt(x), 1n);
    return Number((n * (n - 1n)) / 2n);
}
/** Must equal N(N-1)/2 exactly. */
export const check = (got) => exactly(got, exactSum(DIMS), "N(N-1)/2");
/** The demo's and the bench's record of this example. */
export const example = defineExample({
    name: "intsum",
    title: "exact sum 0..16·64³-1",
    plain,
    kernel,
    makeInput,
    check,
});
