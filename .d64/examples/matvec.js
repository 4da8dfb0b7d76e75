/**
 * Dense matrix-vector product y = A x for an n × n row-major Float64Array: prange over rows, a
 * serial dot product per row. Each iteration writes only its own y[i], so there is no race.
 */
import { parallel, prange } from "../index.js";
import { defineExample, randomArray, sameArray } from "./example.js";
/** The unwrapped function: writes A x into y. */
export const plain = (A, x, y, n) => {
    for (const i of prange(n)) {
        const row = i * n;
        let s = 0;
        for (let j = 0; j < n; j++) {
            s += A[row + j] * x[j];
        }
        y[i] = s;
    }
};
/** The same function compiled to WebAssembly threads. */
export const kernel = parallel(plain);
/** Input: a random n × n matrix and vector, and a zeroed y. */
export const makeInput = (n = 3000) => [
    randomArray(n * n, 1, -1, 1),
    randomArray(n, 2, -1, 1),
    new Float64Array(n),
    n,
];
/** y against the plain result (a vectorised dot product may round differently in the last bits). */
export const check = (got, ref) => sameArray(got, ref, 1e-12);
/** The demo's and the bench's record of this example. */
export const example = defineExample({
    name: "matvec",
    title: "y = A x, 3000 × 3000",
    plain,
    kernel,
    makeInput,
    output: (_ret, args) => args[2],
    check,
});
