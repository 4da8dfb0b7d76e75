/**
 * Kernels several differential files test from different sides (the checked-once chunk path,
 * two lanes across the prange, innermost loops on lanes): the row-major matrix-vector product,
 * the 7-point 3-D stencil indexed `B[i*m + j*n + k]` and the k-means assignment step.
 */
import { prange } from "../../index.js";

export const matvec = (A: Float64Array, x: Float64Array, y: Float64Array, n: number) => {
  for (const i of prange(n)) {
    let s = 0;
    for (let j = 0; j < n; j++) s += A[i * n + j] * x[j];
    y[i] = s;
  }
};
export const stencil = (A: Float64Array, B: Float64Array, n: number) => {
  const m = n * n;
  for (const i of prange(1, n - 1)) {
    for (let j = 1; j < n - 1; j++) {
      for (let k = 1; k < n - 1; k++) {
        const c = i * m + j * n + k;
        B[c] = (A[c - 1] + A[c + 1] + A[c - n] + A[c + n] + A[c - m] + A[c + m] - 6 * A[c]) * 0.1 + A[c];
      }
    }
  }
};
export const kmeans = (p: Float64Array, cs: Float64Array, labels: Int32Array, n: number, d: number, k: number) => {
  let total = 0;
  for (const i of prange(n)) {
    let best = Infinity;
    let bestC = 0;
    for (let c = 0; c < k; c++) {
      let dist = 0;
      for (let j = 0; j < d; j++) {
        const t = p[i * d + j] - cs[c * d + j];
        dist += t * t;
      }
      if (dist < best) {
        best = dist;
        bestC = c;
      }
    }
    labels[i] = bestC;
    total += best;
  }
  return total;
};
