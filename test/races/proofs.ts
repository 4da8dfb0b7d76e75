/**
 * Race corpus, second part (issue 13): kernels in the categories where the dependence tests used
 * to give false alarms on code written elsewhere, each safe kernel next to a racy twin that must
 * stay reported. Written from the patterns (tiled loops, triangular and skewed spaces, literal row
 * lengths, induction variables, disjoint parts of one array, if-converted index choices, collapsed
 * loops), not copied from any corpus. Labels are ground truth, whatever parfor says.
 */
import type { Entry, Label } from "./corpus.js";

const e = (name: string, label: Label, src: string): Entry => ({ name, label, src });

export const proofs: readonly Entry[] = [
  // ---- tiled loops: min/max bounds, constant tile sizes --------------------------------------
  e("tile-1d-min", "safe", `(a, n) => { for (const ii of prange(0, n, 32)) { for (let i = ii; i < Math.min(ii + 32, n); i++) a[i] = a[i] * 2 + 1; } }`),
  e("tile-1d-min-overlap", "race", `(a, n) => { for (const ii of prange(0, n, 32)) { for (let i = ii; i < Math.min(ii + 33, n); i++) a[i] = a[i] * 2 + 1; } }`),
  e("tile-2d-min", "safe", `(a, n, m) => { for (const ii of prange(0, n, 16)) { for (let jj = 0; jj < m; jj += 16) { for (let i = ii; i < Math.min(ii + 16, n); i++) { for (let j = jj; j < Math.min(jj + 16, m); j++) a[i * m + j] = a[i * m + j] + i - j; } } } }`),
  e("tile-2d-min-next-row", "race", `(a, n, m) => { for (const ii of prange(0, n, 16)) { for (let jj = 0; jj < m; jj += 16) { for (let i = ii; i < Math.min(ii + 16, n); i++) { for (let j = jj; j < Math.min(jj + 16, m); j++) a[i * m + j] = a[(i + 1) * m + j] - j; } } } }`),
  e("tile-ternary-min", "safe", `(a, b, n) => { for (const ii of prange(0, n, 64)) { for (let i = ii; i < (ii + 64 < n ? ii + 64 : n); i++) { b[i] = a[i]; a[i] += 1; } } }`),
  e("tile-ternary-min-overlap", "race", `(a, b, n) => { for (const ii of prange(0, n, 64)) { for (let i = ii; i < (ii + 64 < n ? ii + 65 : n); i++) { b[i] = a[i]; a[i] += 1; } } }`),
  e("tile-max-lower-own", "safe", `(a, n, nt) => { for (const t of prange(nt)) { for (let i = Math.max(t * 8, 1); i < Math.min(t * 8 + 8, n); i++) a[i] = 2 * a[i]; } }`),
  e("tile-max-lower-left-neighbour", "race", `(a, n, nt) => { for (const t of prange(nt)) { for (let i = Math.max(t * 8, 1); i < Math.min(t * 8 + 8, n); i++) a[i] = a[i] - a[i - 1]; } }`),
  e("tile-size-floor-of-constants", "safe", `(a, n) => { const T = Math.floor(100 / 3); for (const t of prange(n)) { for (let i = t * T; i < t * T + T; i++) a[i] = t; } }`),
  e("tile-size-floor-of-constants-le", "race", `(a, n) => { const T = Math.floor(100 / 3); for (const t of prange(n)) { for (let i = t * T; i <= t * T + T; i++) a[i] = t; } }`),
  e("tile-size-shift-of-constants", "safe", `(a) => { const B = 1024 >> 3; for (const t of prange(8)) { for (let i = t * B; i < (t + 1) * B; i++) a[i] += i; } }`),
  e("tile-size-shift-of-constants-le", "race", `(a) => { const B = 1024 >> 3; for (const t of prange(8)) { for (let i = t * B; i <= (t + 1) * B; i++) a[i] += i; } }`),
  e("tile-size-trunc-of-constants", "safe", `(a, n) => { const T = (256 / 4) | 0; for (const t of prange(n)) { for (let i = 0; i < T; i++) a[t * T + i] = i; } }`),
  e("tile-size-trunc-of-constants-wide", "race", `(a, n) => { const T = (256 / 4) | 0; for (const t of prange(n)) { for (let i = 0; i <= T; i++) a[t * T + i] = i; } }`),
  e("tiled-matmul", "safe", `(A, B, C, n) => { for (const ii of prange(0, n, 32)) { for (let kk = 0; kk < n; kk += 32) { for (let i = ii; i < Math.min(ii + 32, n); i++) { for (let k = kk; k < Math.min(kk + 32, n); k++) { for (let j = 0; j < n; j++) C[i * n + j] += A[i * n + k] * B[k * n + j]; } } } } }`),
  e("tiled-matmul-wrong-row", "race", `(A, B, C, n) => { for (const ii of prange(0, n, 32)) { for (let kk = 0; kk < n; kk += 32) { for (let i = ii; i < Math.min(ii + 32, n); i++) { for (let k = kk; k < Math.min(kk + 32, n); k++) { for (let j = 0; j < n; j++) C[k * n + j] += A[i * n + k] * B[k * n + j]; } } } } }`),
  e("band-min-max", "safe", `(band, A, n) => { for (const i of prange(n)) { for (let j = Math.max(0, i - 2); j < Math.min(n, i + 3); j++) band[i * 4 + j + 2] = A[i * n + j]; } }`),
  e("band-min-max-too-wide", "race", `(band, A, n) => { for (const i of prange(n)) { for (let j = Math.max(0, i - 2); j < Math.min(n, i + 4); j++) band[i * 4 + j + 2] = A[i * n + j]; } }`),
  // ---- triangular, trapezoidal and skewed iteration spaces --------------------------------
  e("upper-from-lower", "safe", `(a, n) => { for (const i of prange(n)) { for (let j = i + 1; j < n; j++) a[i * n + j] = a[j * n + i]; } }`),
  e("upper-from-lower-shifted", "race", `(a, n) => { for (const i of prange(n)) { for (let j = i; j < n - 1; j++) a[i * n + j] = a[j * n + i + 1]; } }`),
  e("lower-from-upper", "safe", `(a, n) => { for (const i of prange(n)) { for (let j = i + 1; j < n; j++) a[j * n + i] = a[i * n + j]; } }`),
  e("symmetric-mirror-write", "safe", `(c, A, m) => { for (const i of prange(m)) { for (let j = i; j < m; j++) { const v = A[i] * A[j]; c[i * m + j] = v; c[j * m + i] = v; } } }`),
  e("symmetric-mirror-write-from-below", "race", `(c, A, m) => { for (const i of prange(m)) { for (let j = Math.max(i - 1, 0); j < m; j++) { const v = A[i] * A[j]; c[i * m + j] = v; c[j * m + i] = v; } } }`),
  e("symmetric-rank-update", "safe", `(C, A, n) => { for (const i of prange(n)) { for (let j = 0; j <= i; j++) { C[i * n + j] += A[i] * A[j]; C[j * n + i] = C[i * n + j]; } } }`),
  e("symmetric-rank-update-past-diagonal", "race", `(C, A, n) => { for (const i of prange(n - 1)) { for (let j = 0; j <= i + 1; j++) { C[i * n + j] += A[i] * A[j]; C[j * n + i] = C[i * n + j]; } } }`),
  e("skewed-row-offset", "safe", `(b, a, n, m) => { for (const i of prange(n)) { for (let j = i; j < i + m; j++) b[i * m + (j - i)] = a[j]; } }`),
  e("skewed-row-offset-one-more", "race", `(b, a, n, m) => { for (const i of prange(n)) { for (let j = i; j < i + m + 1; j++) b[i * m + (j - i)] = a[j]; } }`),
  e("trapezoid-stride-4", "safe", `(a, n) => { for (const i of prange(n)) { for (let j = i; j < i + 4; j++) a[3 * i + j] = j; } }`),
  e("trapezoid-stride-4-five-wide", "race", `(a, n) => { for (const i of prange(n)) { for (let j = i; j < i + 5; j++) a[3 * i + j] = j; } }`),
  e("wavefront-diagonal", "safe", `(a, n) => { for (let d = 2; d < 2 * n - 1; d++) { for (const i of prange(Math.max(1, d - n + 1), Math.min(d - 1, n - 1) + 1)) a[i * n + (d - i)] = a[(i - 1) * n + (d - i)] + a[i * n + (d - i - 1)]; } }`),
  e("wavefront-same-diagonal", "race", `(a, n) => { for (let d = 2; d < 2 * n - 1; d++) { for (const i of prange(Math.max(1, d - n + 1), Math.min(d - 1, n - 1) + 1)) a[i * n + (d - i)] = a[(i - 1) * n + (d - i + 1)] * 0.5; } }`),
  e("lu-row-update", "safe", `(a, n) => { for (let k = 0; k < n; k++) { for (const i of prange(k + 1, n)) { const f = a[i * n + k] / a[k * n + k]; for (let j = k + 1; j < n; j++) a[i * n + j] -= f * a[k * n + j]; } } }`),
  e("lu-row-update-pivot-row-included", "race", `(a, n) => { for (let k = 0; k < n; k++) { for (const i of prange(k, n)) { const f = a[i * n + k] / a[k * n + k]; for (let j = k + 1; j < n; j++) a[i * n + j] -= f * a[k * n + j]; } } }`),
  e("triangle-row-scale", "safe", `(L, d, n) => { for (const i of prange(n)) { for (let j = 0; j <= i; j++) L[i * n + j] *= d[i]; } }`),
  e("forward-substitution", "race", `(L, x, b, n) => { for (const i of prange(n)) { let s = 0; for (let j = 0; j < i; j++) s += L[i * n + j] * x[j]; x[i] = b[i] - s; } }`),
  // ---- literal row lengths ------------------------------------------------------------------
  e("literal-columns-transpose", "safe", `(A, B) => { for (const i of prange(500)) { for (let j = 0; j < 400; j++) B[j * 500 + i] = A[i * 400 + j]; } }`),
  e("literal-columns-neighbour", "race", `(A, B) => { for (const i of prange(500)) { for (let j = 0; j < 400; j++) B[j * 500 + i] = B[j * 500 + i + 1]; } }`),
  e("literal-columns-symbolic-rows", "safe", `(B, m) => { for (const i of prange(500)) { for (let j = 0; j < m; j++) B[j * 500 + i] += 1; } }`),
  e("literal-columns-one-too-many", "race", `(B, m) => { for (const i of prange(501)) { for (let j = 0; j < m; j++) B[j * 500 + i] += 1; } }`),
  e("const-size-rows", "safe", `(c) => { const N = 256; for (const i of prange(N)) { for (let j = 0; j < N; j++) c[i * N + j] = i * j; } }`),
  e("const-size-rows-le", "race", `(c) => { const N = 256; for (const i of prange(N)) { for (let j = 0; j <= N; j++) c[i * N + j] = i * j; } }`),
  e("literal-3d", "safe", `(a, n) => { for (const i of prange(n)) { for (let j = 0; j < 64; j++) { for (let k = 0; k < 64; k++) a[(i * 64 + j) * 64 + k] = k; } } }`),
  e("literal-3d-k-le", "race", `(a, n) => { for (const i of prange(n)) { for (let j = 0; j < 64; j++) { for (let k = 0; k <= 64; k++) a[(i * 64 + j) * 64 + k] = k; } } }`),
  // ---- induction variables and counters declared outside ----------------------------------
  e("induction-row-pointer", "safe", `(a, n, m) => { for (const i of prange(n)) { let k = i * m; for (let j = 0; j < m; j++) { a[k] = j; k++; } } }`),
  e("induction-row-pointer-one-more", "race", `(a, n, m) => { for (const i of prange(n)) { let k = i * m; for (let j = 0; j <= m; j++) { a[k] = j; k++; } } }`),
  e("induction-after-use", "safe", `(c, x, n) => { for (const i of prange(n)) { let j = 3 * i; c[j] += x[i]; j++; c[j] += 2 * x[i]; j++; c[j] += 3 * x[i]; } }`),
  e("induction-after-use-stride-2", "race", `(c, x, n) => { for (const i of prange(n)) { let j = 2 * i; c[j] += x[i]; j++; c[j] += 2 * x[i]; j++; c[j] += 3 * x[i]; } }`),
  e("induction-while", "safe", `(a, n, m) => { for (const i of prange(n)) { let p = i * m; const q = p + m; while (p < q) { a[p] = 0; p++; } } }`),
  e("induction-while-one-more", "race", `(a, n, m) => { for (const i of prange(n)) { let p = i * m; const q = p + m + 1; while (p < q) { a[p] = 0; p++; } } }`),
  e("induction-step-2", "safe", `(a, n, m) => { for (const i of prange(n)) { let k = 2 * i * m; for (let j = 0; j < m; j++) { a[k] = 1; a[k + 1] = -1; k += 2; } } }`),
  e("induction-step-3", "race", `(a, n, m) => { for (const i of prange(n)) { let k = 2 * i * m; for (let j = 0; j < m; j++) { a[k] = 1; a[k + 1] = -1; k += 3; } } }`),
  e("induction-conditional-bump", "race", `(a, x, n) => { for (const i of prange(n)) { let j = i; if (x[i] > 0) j++; a[j] = x[i]; } }`),
  e("induction-skipped-by-continue", "race", `(a, x, n, m) => { for (const i of prange(n)) { let k = i * m; for (let j = 0; j < 2 * m; j++) { if (x[j] > 0) continue; a[k] = j; k++; } } }`),
  e("outer-declared-counter", "safe", `(a, n) => { let j = 0; for (const i of prange(n)) { for (j = 0; j < n; j++) a[i * n + j] = j; } }`),
  e("outer-declared-counter-le", "race", `(a, n) => { let j = 0; for (const i of prange(n)) { for (j = 0; j <= n; j++) a[i * n + j] = j; } }`),
  e("outer-declared-counter-shared-row", "race", `(a, n) => { let j = 0; for (const i of prange(n)) { for (j = 0; j < n; j++) a[j] += i; } }`),
  // ---- disjoint parts of one array -----------------------------------------------------------
  e("halves-shift-swap", "safe", `(a, n) => { for (const i of prange(n >> 1)) { const t = a[i]; a[i] = a[n - 1 - i]; a[n - 1 - i] = t; } }`),
  e("halves-shift-swap-one-more", "race", `(a, n) => { for (const i of prange((n >> 1) + 1)) { const t = a[i]; a[i] = a[n - 1 - i]; a[n - 1 - i] = t; } }`),
  e("halves-floor-reverse", "safe", `(a) => { const n = a.length; const h = Math.floor(n / 2); for (const i of prange(h)) { const t = a[i]; a[i] = a[n - 1 - i]; a[n - 1 - i] = t; } }`),
  e("halves-floor-reverse-one-more", "race", `(a) => { const n = a.length; const h = Math.floor(n / 2) + 1; for (const i of prange(h)) { const t = a[i]; a[i] = a[n - 1 - i]; a[n - 1 - i] = t; } }`),
  e("halves-shift-copy", "safe", `(a, n) => { const h = n >> 1; for (const i of prange(h)) a[h + i] = a[i]; }`),
  e("halves-shift-copy-one-more", "race", `(a, n) => { const h = n >> 1; for (const i of prange(h + 1)) a[h + i] = a[i]; }`),
  e("first-and-last-row", "safe", `(v, n) => { for (const i of prange(n)) { v[i] = 0; v[(n - 1) * n + i] = 1; } }`),
  e("first-and-last-row-wide", "race", `(v, n) => { for (const i of prange(n + 1)) { v[i] = 0; v[(n - 1) * n + i] = 1; } }`),
  e("first-and-last-column", "safe", `(u, n) => { for (const i of prange(n)) { u[i * n] = 0; u[i * n + n - 1] = 1; } }`),
  e("first-column-and-next-row", "race", `(u, n) => { for (const i of prange(n)) { u[i * n] = 0; u[i * n + n] = 1; } }`),
  e("ternary-even-odd", "safe", `(a, x, n) => { for (const i of prange(n)) { const k = x[i] > 0 ? 2 * i : 2 * i + 1; a[k] = x[i]; } }`),
  e("ternary-even-next-even", "race", `(a, x, n) => { for (const i of prange(n)) { const k = x[i] > 0 ? 2 * i : 2 * i + 2; a[k] = x[i]; } }`),
  e("ternary-index-min", "safe", `(a, n, m) => { for (const i of prange(n)) { const k = Math.min(i, m); a[k * n + i] = 1; } }`),
  e("ternary-index-min-shared", "race", `(a, n, m) => { for (const i of prange(n)) { const k = Math.min(i, m); a[k] = i; } }`),
  // ---- collapsed loops ------------------------------------------------------------------------
  e("collapsed-row-major", "safe", `(a, rows, cols) => { for (const k of prange(rows * cols)) { const i = Math.floor(k / cols); const j = k % cols; a[i * cols + j] = i - j; } }`),
  e("collapsed-column-only", "race", `(a, rows, cols) => { for (const k of prange(rows * cols)) { const i = Math.floor(k / cols); const j = k % cols; a[j] += i; } }`),
  e("collapsed-transpose", "safe", `(A, B, rows, cols) => { for (const k of prange(rows * cols)) { const i = Math.floor(k / cols); const j = k % cols; B[j * rows + i] = A[i * cols + j]; } }`),
  e("collapsed-transpose-in-place-neighbour", "race", `(B, rows, cols) => { for (const k of prange(rows * cols)) { const i = Math.floor(k / cols); const j = k % cols; B[j * rows + i] = B[j * rows + i + 1]; } }`),
  e("collapsed-literal", "safe", `(m) => { for (const k of prange(64 * 64)) { const r = Math.floor(k / 64); const c = k % 64; m[c * 64 + r] = k; } }`),
  e("collapsed-literal-row-only", "race", `(m) => { for (const k of prange(64 * 64)) { const r = Math.floor(k / 64); m[r] = k; } }`),
  e("collapsed-trunc", "safe", `(a, x, rows, cols) => { for (const k of prange(rows * cols)) { const i = (k / cols) | 0; const j = k - i * cols; a[j * rows + i] = x[k]; } }`),
  e("collapsed-trunc-stencil-in-place", "race", `(a, rows, cols) => { for (const k of prange(rows * cols)) { const i = (k / cols) | 0; const j = k - i * cols; a[i * cols + j] = a[(i + 1) * cols + j]; } }`),
];
