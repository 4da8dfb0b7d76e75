/**
 * Simpson's rule for ∫₀¹ eᵡ dx = e - 1. Odd interior points weigh 4, even ones 2: the weight is
 * chosen with if/else inside the prange loop, and `sum +=` is a reduction.
 */
import { parallel, prange } from "../index.js";
import { defineExample, near } from "./example.js";
/** The unwrapped function; n must be even. */
export const plain = (a, b, n) => {
    const h = (b - a) / n;
    let sum = Math.exp(a) + Math.exp(b);
    for (const i of prange(1, n)) {
        const x = a + i * h;
        if (i % 2 === 1) {
            sum += 4 * Math.exp(x);
        }
        else {
            sum += 2 * Math.exp(x);
        }
    }
    return (sum * h) / 3;
};
/** The same function compiled to WebAssembly threads. */
export const kernel = parallel(plain);
/** Input: interval [0, 1] and an even number of intervals. */
export const makeInput = (n = 2e7) => [0, 1, n];
/** Compares with e - 1. */
export const check = (got) => near(got, Math.E - 1, 1e-9, "e - 1");
/** The demo's and the bench's record of this example. */
export const example = defineExample({
    name: "simpson",
    title: "Simpson's rule, exp on [0,1], n = 2e7",
    plain,
    kernel,
    makeInput,
    check,
});
