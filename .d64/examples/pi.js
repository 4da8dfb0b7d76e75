/**
 * pi by the midpoint rule: pi = ∫₀¹ 4 / (1 + x²) dx, summed over n = 1e8 midpoints.
 * `sum +=` inside the prange loop is a reduction: each thread sums its own block and parfor
 * adds the partial sums at the end.
 */
import { parallel, prange } from "../index.js";
import { defineExample, near } from "./example.js";
/** The unwrapped function: plain JavaScript, prange is an ordinary iterable here. */
export const plain = (nsteps) => {
    const dx = 1 / nsteps;
    let sum = 0;
    for (const i of prange(nsteps)) {
        const x = (i + 0.5) * dx;
        sum += 4 / (1 + x * x);
    }
    return sum * dx;
};
/** The same function compiled to WebAssembly threads. */
export const kernel = parallel(plain);
/** Input: the number of steps. */
export const makeInput = (nsteps = 1e8) => [nsteps];
/** Compares with Math.PI (the midpoint error at 1e8 steps is far below rounding). */
export const check = (got) => near(got, Math.PI, 1e-9, "Math.PI");
/** The demo's and the bench's record of this example. */
export const example = defineExample({ name: "pi", title: "pi, midpoint rule, n = 1e8", plain, kernel, makeInput, check });
