/**
 * A 2-D integral by the midpoint rule: ∫₀^π ∫₀^π sin(x + y) dy dx = 0. The prange loop runs over
 * rows and each row's inner loop is serial; `sum +=` in the inner loop still reduces into the
 * prange loop's reduction.
 */
import { parallel, prange } from "../index.js";
import { both, defineExample, near } from "./example.js";
/** The unwrapped function: an n × n grid over [0, pi]². */
export const plain = (n) => {
    const h = Math.PI / n;
    let sum = 0;
    for (const i of prange(n)) {
        const x = (i + 0.5) * h;
        for (let j = 0; j < n; j++) {
            sum += Math.sin(x + (j + 0.5) * h);
        }
    }
    return sum * h * h;
};
/** The same function compiled to WebAssembly threads. */
export const kernel = parallel(plain);
/** Input: grid size. */
export const makeInput = (n = 3000) => [n];
/**
 * Compares with the exact value 0 (absolutely: terms cancel in pairs, so only rounding is left)
 * and with the plain result.
 */
export const check = (got, ref) => both(near(got, 0, 1e-9, "exact"), near(got, ref, 1e-9, "plain JS"));
/** The demo's and the bench's record of this example. */
export const example = defineExample({
    name: "integral2d",
    title: "∫∫ sin(x+y) over [0,π]², 3000² grid",
    plain,
    kernel,
    makeInput,
    check,
});
