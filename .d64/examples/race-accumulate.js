/**
 * A race parfor warns about: accumulating into one shared array element that the loop also reads.
 * `tot[0] += i * tot[1]` is a read, an add and a write; two threads that read the same old value
 * lose one of the updates. (A plain `tot[0] += i` is an array reduction that parfor combines
 * through private copies; reading `tot[1]` in the same loop is what keeps this one a race.)
 */
import { parallel, prange } from "../index.js";
/** Racy: every thread does `tot[0] += i * tot[1]` on the same element (tot[1] is a scale). */
export const plain = (tot, n) => {
    for (const i of prange(n)) {
        tot[0] += i * tot[1];
    }
};
/** The racy kernel; its `diagnostics` name the update. */
export const kernel = parallel(plain);
/** Fixed: a scalar `sum +=` is a reduction (a private sum per thread, combined at the end). */
export const fixedPlain = (tot, n) => {
    const scale = tot[1];
    let sum = 0;
    for (const i of prange(n)) {
        sum += i * scale;
    }
    tot[0] += sum;
};
/** The fixed kernel: no diagnostics. */
export const fixed = parallel(fixedPlain);
function runOn(k, n) {
    const tot = Float64Array.of(0, 1);
    k(tot, n);
    return tot[0];
}
/** The demo's record of this race. */
export const race = {
    name: "race-accumulate",
    title: "race: `tot[0] += i * tot[1]` on a shared Float64Array(2)",
    racy: kernel,
    runRacy: (n) => runOn(kernel, n),
    runFixed: (n) => runOn(fixed, n),
    expected: (n) => (n * (n - 1)) / 2,
    why: "tot[0] += i * tot[1] reads tot[0], adds, and writes it back; threads interleave those steps and overwrite each other's sums, so updates are lost",
    fix: "read the scale once before the loop and accumulate in a scalar (let sum = 0; sum += i * scale), which parfor turns into a reduction, and add it once after the loop",
};
