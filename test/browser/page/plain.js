// Plain JavaScript kernels (no TypeScript): the bundler plugin types them from JSDoc and from
// their calls in this module, and precompiles them like annotated ones.
import { array, free, parallel, prange } from "parfor";

/**
 * @param {Float64Array} a
 * @param {number} n
 */
export function rampPlain(a, n) {
  for (const i of prange(n)) a[i] = Math.sqrt(i) * 0.5 - (i % 7) / 3;
}
export const ramp = parallel(rampPlain);

/** typed by the calls below: an Int32Array and a number */
export function sumPlain(a, m) {
  let s = 0;
  for (const i of prange(a.length)) s += a[i] % m;
  return s;
}
export const sum = parallel(sumPlain);

/** Runs both kernels and their plain functions; plain data for the test. */
export function plainJs() {
  const n = 50_000;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  ramp(a, n);
  rampPlain(b, n);
  const x = array(Int32Array, n);
  for (let i = 0; i < n; i++) x[i] = (i * 7919) % 1000;
  const got = sum(x, 13);
  const want = sumPlain(x, 13);
  free(x);
  return { rampEqual: a.every((v, i) => Object.is(v, b[i])), sum: got, sumPlain: want };
}

export async function plainJsAsync() {
  const x = new Int32Array(10_000).map((_, i) => i);
  return { got: await sum.async(x, 5), want: sumPlain(x, 5) };
}
