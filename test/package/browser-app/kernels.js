// Plain JavaScript kernels, typed from JSDoc and from their calls in this module.
import { array, free, parallel, prange } from "parfor";

/** @param {Float64Array} a @param {number} k */
export function scalePlain(a, k) {
  for (const i of prange(a.length)) a[i] = a[i] * k + Math.sqrt(i);
}
export const scale = parallel(scalePlain);

export function countPlain(a, m) {
  let c = 0;
  for (const i of prange(a.length)) c += a[i] % m === 0 ? 1 : 0;
  return c;
}
export const count = parallel(countPlain);

export function counts() {
  const a = array(Int32Array, 1_000_000);
  for (let i = 0; i < a.length; i++) a[i] = (i * 7919) % 10007;
  const got = count(a, 3);
  const want = countPlain(a, 3);
  free(a);
  return { got, want };
}
