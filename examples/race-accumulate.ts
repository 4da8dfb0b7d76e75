/**
 * A race parfor warns about: accumulating into one shared array element. `tot[0] += i` is a
 * read, an add and a write; two threads that read the same old value lose one of the updates.
 */
import { parallel, prange } from "../index.js";
import type { RaceExample } from "./race.js";

/** Racy: every thread does `tot[0] += i` on the same element. */
export const plain = (tot: Float64Array, n: number): void => {
  for (const i of prange(n)) {
    tot[0] += i;
  }
};

/** The racy kernel; its `diagnostics` name the update. */
export const kernel = parallel(plain);

/** Fixed: a scalar `sum +=` is a reduction (a private sum per thread, combined at the end). */
export const fixedPlain = (tot: Float64Array, n: number): void => {
  let sum = 0;
  for (const i of prange(n)) {
    sum += i;
  }
  tot[0] = sum;
};

/** The fixed kernel: no diagnostics. */
export const fixed = parallel(fixedPlain);

function runOn(k: (tot: Float64Array, n: number) => void, n: number): number {
  const tot = new Float64Array(1);
  k(tot, n);
  return tot[0]!;
}

/** The demo's record of this race. */
export const race: RaceExample = {
  name: "race-accumulate",
  title: "race: `tot[0] += i` on a shared Float64Array(1)",
  racy: kernel,
  runRacy: (n) => runOn(kernel, n),
  runFixed: (n) => runOn(fixed, n),
  expected: (n) => (n * (n - 1)) / 2,
  why: "tot[0] += i reads tot[0], adds, and writes it back; threads interleave those steps and overwrite each other's sums, so updates are lost",
  fix: "accumulate in a scalar (let sum = 0; sum += i), which parfor turns into a reduction, and store it once after the loop",
};
