/**
 * The race corpus: small prange kernels, each labelled `race` (two iterations can touch one
 * location, one of them writing) or `safe`. Modelled on the data-parallel loop patterns of
 * DataRaceBench (anti/true/output dependences, indirect access, missing reduction, missing
 * privatisation, strides, nested loops, conditional writes, minus-minus, ...) and on Numba's
 * documented race examples, written afresh in parfor's prange form. Labels are ground truth,
 * not what parfor happens to say: a safe kernel that parfor cannot prove safe stays `safe`
 * (it counts against precision).
 */
export type Label = "race" | "safe";

export interface Entry {
  readonly name: string;
  readonly label: Label;
  /** an arrow function: the kernel */
  readonly src: string;
}

const e = (name: string, label: Label, src: string): Entry => ({ name, label, src });

export const corpus: readonly Entry[] = [
  // ---- safe: elementwise, reductions, privatisation -------------------------------------
  e("elementwise-add", "safe", `(a, b, c) => { for (const i of prange(a.length)) a[i] = b[i] + c[i]; }`),
  e("in-place-increment", "safe", `(a) => { for (const i of prange(a.length)) a[i] += 1; }`),
  e("in-place-scale", "safe", `(a, k) => { for (const i of prange(a.length)) a[i] = a[i] * k; }`),
  e("in-place-update-elem", "safe", `(a) => { for (const i of prange(a.length)) a[i]++; }`),
  e("sum-reduction", "safe", `(a) => { let s = 0; for (const i of prange(a.length)) s += a[i]; return s; }`),
  e("sum-reduction-long-form", "safe", `(a) => { let s = 0; for (const i of prange(a.length)) s = s + a[i] * a[i]; return s; }`),
  e("product-reduction", "safe", `(a) => { let p = 1; for (const i of prange(a.length)) p *= a[i]; return p; }`),
  e("max-reduction", "safe", `(a) => { let m = -Infinity; for (const i of prange(a.length)) m = Math.max(m, a[i]); return m; }`),
  e("min-reduction-if", "safe", `(a) => { let m = Infinity; for (const i of prange(a.length)) { if (a[i] < m) m = a[i]; } return m; }`),
  e("min-reduction-ternary", "safe", `(a) => { let m = Infinity; for (const i of prange(a.length)) m = a[i] < m ? a[i] : m; return m; }`),
  e("flag-found", "safe", `(a, x) => { let found = false; for (const i of prange(a.length)) { if (a[i] === x) found = true; } return found; }`),
  e("and-reduction", "safe", `(a) => { let all = true; for (const i of prange(a.length)) all = all && a[i] > 0; return all; }`),
  e("count-under-condition", "safe", `(a) => { let c = 0; for (const i of prange(a.length)) { if (a[i] > 0) c++; } return c; }`),
  e("xor-reduction", "safe", `(a) => { let h = 0; for (const i of prange(a.length)) h ^= a[i] | 0; return h; }`),
  e("private-temp", "safe", `(a, b) => { let t = 0; for (const i of prange(a.length)) { t = a[i] * 2; b[i] = t + 1; } }`),
  e("private-both-branches", "safe", `(a, b) => { let t = 0; for (const i of prange(a.length)) { if (a[i] > 0) t = a[i]; else t = -a[i]; b[i] = t; } }`),
  e("local-temp", "safe", `(a, b) => { for (const i of prange(a.length)) { const t = a[i] * a[i]; b[i] = t - 1; } }`),
  e("pi-integration", "safe", `(n) => { const dx = 1 / n; let s = 0; for (const i of prange(n)) { const x = (i + 0.5) * dx; s += 4 / (1 + x * x); } return s * dx; }`),
  e("two-reductions", "safe", `(a) => { let s = 0; let q = 0; for (const i of prange(a.length)) { s += a[i]; q += a[i] * a[i]; } return q - s * s; }`),
  e("reduction-read-after", "safe", `(a, out) => { let s = 0; for (const i of prange(a.length)) s += a[i]; out[0] = s; }`),
  // ---- safe: strides, offsets, other arrays ------------------------------------------------
  e("stride-2-even-odd", "safe", `(a, n) => { for (const i of prange(n)) { a[2 * i] = i; a[2 * i + 1] = -i; } }`),
  e("stride-2-swap-pairs", "safe", `(a, n) => { for (const i of prange(n)) { const t = a[2 * i]; a[2 * i] = a[2 * i + 1]; a[2 * i + 1] = t; } }`),
  e("stride-3-read-own-block", "safe", `(a, n) => { for (const i of prange(n)) a[3 * i + 2] = a[3 * i] + a[3 * i + 1]; }`),
  e("prange-step-2-neighbour", "safe", `(a, n) => { for (const i of prange(0, n, 2)) a[i] = a[i + 1]; }`),
  e("prange-step-4-block", "safe", `(a, n) => { for (const i of prange(0, n, 4)) { a[i] = a[i + 1] + a[i + 2] + a[i + 3]; } }`),
  e("prange-start-stop", "safe", `(a, b, lo, hi) => { for (const i of prange(lo, hi)) a[i] = b[i - 1] + b[i + 1]; }`),
  e("shift-into-other-array", "safe", `(a, b) => { for (const i of prange(b.length)) a[i + 1] = b[i]; }`),
  e("reverse-into-other-array", "safe", `(a, b) => { const n = b.length; for (const i of prange(n)) a[n - 1 - i] = b[i]; }`),
  e("stencil-separate-output", "safe", `(a, b) => { for (const i of prange(1, a.length - 1)) b[i] = (a[i - 1] + a[i] + a[i + 1]) / 3; }`),
  e("negative-step", "safe", `(a, b) => { for (const i of prange(a.length - 1, -1, -1)) a[i] = b[i] * 2; }`),
  e("negative-step-own", "safe", `(a) => { for (const i of prange(a.length - 1, -1, -1)) a[i] = a[i] + i; }`),
  e("offset-by-constant-own", "safe", `(a, n) => { for (const i of prange(n)) a[i + 3] = a[i + 3] * 2; }`),
  e("half-swap-reverse", "safe", `(a) => { const n = a.length; for (const i of prange(n / 2)) { const t = a[i]; a[i] = a[n - 1 - i]; a[n - 1 - i] = t; } }`),
  e("halves-copy", "safe", `(a, n) => { for (const i of prange(n)) { if (i < n / 2) a[i + n / 2] = a[i]; } }`),
  e("halves-split-prange", "safe", `(a, h) => { for (const i of prange(h)) a[i + h] = a[i] * 2; }`),
  e("index-array-read", "safe", `(a, idx, o) => { for (const i of prange(o.length)) o[i] = a[idx[i]]; }`),
  e("gather-sum", "safe", `(a, idx) => { let s = 0; for (const i of prange(idx.length)) s += a[idx[i]]; return s; }`),
  e("let-alias-of-index", "safe", `(a, n) => { for (const i of prange(n)) { const k = 2 * i + 1; a[k] = a[k] + i; } }`),
  e("shift-left-index", "safe", `(a, n) => { for (const i of prange(n)) { a[i << 1] = 1; a[(i << 1) + 1] = 2; } }`),
  e("conditional-own-element", "safe", `(a) => { for (const i of prange(a.length)) { if (a[i] < 0) a[i] = 0; } }`),
  e("conditional-other-array", "safe", `(a, b) => { for (const i of prange(a.length)) { if (a[i] > 1) b[i] = a[i]; else b[i] = 0; } }`),
  e("parity-condition-own", "safe", `(a) => { for (const i of prange(a.length)) { if (i % 2 === 0) a[i] = -a[i]; } }`),
  e("continue-guard", "safe", `(a, b) => { for (const i of prange(a.length)) { if (a[i] === 0) continue; b[i] = 1 / a[i]; } }`),
  e("ternary-write-value", "safe", `(a, b) => { for (const i of prange(a.length)) b[i] = a[i] > 0 ? a[i] : -a[i]; }`),
  e("inner-serial-while", "safe", `(a, b) => { for (const i of prange(a.length)) { let x = a[i]; let k = 0; while (x > 1 && k < 100) { x = x % 2 === 0 ? x / 2 : 3 * x + 1; k++; } b[i] = k; } }`),
  // ---- safe: single iteration ---------------------------------------------------------------
  e("first-iteration-writes-total", "safe", `(tot, n) => { for (const i of prange(n)) { if (i === 0) tot[0] = n; } }`),
  e("last-iteration-scalar", "safe", `(a) => { let last = 0; for (const i of prange(a.length)) { if (i === a.length - 1) last = a[i]; } return last; }`),
  e("first-iteration-scalar", "safe", `(a) => { let first = 0; for (const i of prange(a.length)) { if (i === 0) first = a[i] * 2; } return first; }`),
  e("single-iteration-own-read", "safe", `(a, o) => { for (const i of prange(o.length)) { if (i === 0) a[0] = 1; o[i] = a[i]; } }`),
  // ---- safe: nested loops, 2-D -----------------------------------------------------------------
  e("row-major-inner-j", "safe", `(a, n) => { for (const i of prange(n)) { for (let j = 0; j < n; j++) a[i * n + j] = i + j; } }`),
  e("row-major-rmw", "safe", `(a, n, m) => { for (const i of prange(n)) { for (let j = 0; j < m; j++) a[i * m + j] = a[i * m + j] * 2; } }`),
  e("column-write", "safe", `(a, n, m) => { for (const i of prange(n)) { for (let j = 0; j < m; j++) a[j * n + i] += 1; } }`),
  e("matvec", "safe", `(A, x, y, n) => { for (const i of prange(n)) { let s = 0; for (let j = 0; j < n; j++) s += A[i * n + j] * x[j]; y[i] = s; } }`),
  e("matmul", "safe", `(A, B, C, n) => { for (const i of prange(n)) { for (let j = 0; j < n; j++) { let s = 0; for (let k = 0; k < n; k++) s += A[i * n + k] * B[k * n + j]; C[i * n + j] = s; } } }`),
  e("matmul-accumulate", "safe", `(A, B, C, n) => { for (const i of prange(n)) { for (let k = 0; k < n; k++) { for (let j = 0; j < n; j++) C[i * n + j] += A[i * n + k] * B[k * n + j]; } } }`),
  e("transpose-out", "safe", `(A, B, n) => { for (const i of prange(n)) { for (let j = 0; j < n; j++) B[j * n + i] = A[i * n + j]; } }`),
  e("row-sums-into-own-slot", "safe", `(a, out, cols) => { for (const r of prange(out.length)) { let s = 0; for (let c = 0; c < cols; c++) s += a[r * cols + c]; out[r] = s; } }`),
  e("row-prefix-in-place", "safe", `(a, rows, cols) => { for (const r of prange(rows)) { for (let c = 1; c < cols; c++) a[r * cols + c] += a[r * cols + c - 1]; } }`),
  e("serial-columns-prange-rows", "safe", `(m, cols) => { for (let c = 1; c < cols; c++) { for (const r of prange(m.length / cols)) m[r * cols + c] += m[r * cols + c - 1]; } }`),
  e("time-steps-double-buffer", "safe", `(u, v, steps) => { for (let t = 0; t < steps; t++) { for (const i of prange(1, u.length - 1)) v[i] = (u[i - 1] + u[i + 1]) / 2; for (const i of prange(1, u.length - 1)) u[i] = v[i]; } }`),
  e("nested-prange-inner-serial", "safe", `(a, n) => { for (const i of prange(n)) { for (const j of prange(n)) a[i * n + j] = i * j; } }`),
  e("inner-loop-own-row-offset", "safe", `(a, n) => { for (const i of prange(n)) { const base = i * n; for (let j = 0; j < n; j++) a[base + j] = j; } }`),
  e("three-d", "safe", `(a, n, m) => { for (const i of prange(n)) { for (let j = 0; j < m; j++) { for (let k = 0; k < m; k++) a[(i * m + j) * m + k] = i + j + k; } } }`),
  e("kmeans-assign", "safe", `(px, cx, label) => { for (const i of prange(px.length)) { let best = 0; let bd = Infinity; for (let c = 0; c < cx.length; c++) { const d = Math.abs(px[i] - cx[c]); if (d < bd) { bd = d; best = c; } } label[i] = best; } }`),
  e("mandelbrot", "safe", `(out, w, h) => { for (const y of prange(h)) { for (let x = 0; x < w; x++) { let zr = 0; let zi = 0; let k = 0; while (k < 50 && zr * zr + zi * zi < 4) { const t = zr * zr - zi * zi + x / w; zi = 2 * zr * zi + y / h; zr = t; k++; } out[y * w + x] = k; } } }`),
  // ---- safe but not provable (honest false positives) ----------------------------------------
  e("square-index-injective", "safe", `(a, n) => { for (const i of prange(n)) a[i * i] = i; }`),
  e("triangle-transpose", "safe", `(a, n) => { for (const i of prange(1, n)) { for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i]; } }`),

  // ---- races: scalars (Numba #3681 and friends) ------------------------------------------
  e("last-write-scalar", "race", `(n) => { let val = 0; for (const i of prange(n)) val = i; return val; }`),
  e("missing-private-read-after", "race", `(a, b) => { let t = 0; for (const i of prange(a.length)) { t = a[i]; b[i] = t; } return t; }`),
  e("read-before-write-scalar", "race", `(a) => { let t = 0; for (const i of prange(a.length)) { a[i] = t; t = a[i] + 1; } return 0; }`),
  e("prefix-sum-scalar", "race", `(a, b) => { let s = 0; for (const i of prange(a.length)) { s += a[i]; b[i] = s; } return s; }`),
  e("reduction-read-in-condition", "race", `(a) => { let s = 0; for (const i of prange(a.length)) { if (s < 100) s += a[i]; } return s; }`),
  e("counter-used-as-index", "race", `(a, out) => { let c = 0; for (const i of prange(a.length)) { if (a[i] > 0) { out[c] = a[i]; c++; } } return c; }`),
  e("nan-unsafe-max", "race", `(a) => { let m = -Infinity; for (const i of prange(a.length)) m = m >= a[i] ? m : a[i]; return m; }`),
  e("max-plus-one", "race", `(a) => { let m = 0; for (const i of prange(a.length)) { if (a[i] > m) m = a[i] + 1; } return m; }`),
  e("scalar-written-under-data-condition", "race", `(a) => { let where = -1; for (const i of prange(a.length)) { if (a[i] === 0) where = i; } return where; }`),
  e("single-iteration-write-read-by-all", "race", `(a, b) => { let v = 0; for (const i of prange(a.length)) { if (i === 0) v = a[0]; b[i] = v; } return v; }`),
  e("two-iterations-write", "race", `(a) => { let v = 0; for (const i of prange(a.length)) { if (i < 2) v = a[i]; } return v; }`),
  e("scalar-in-serial-loop-around", "race", `(a, steps) => { let t = 0; let s = 0; for (let k = 0; k < steps; k++) { s += t; for (const i of prange(a.length)) { t = a[i]; } } return s; }`),
  // ---- races: one shared element (Numba #7133) -----------------------------------------------
  e("accumulate-tot0", "race", `(tot, n) => { for (const i of prange(n)) tot[0] += i; }`),
  e("output-dependence-a0", "race", `(a, n) => { for (const i of prange(n)) a[0] = i; }`),
  e("shared-element-via-const", "race", `(a, n) => { for (const i of prange(n)) { const k = 3; a[k] = i; } }`),
  e("inner-index-only", "race", `(a, n) => { for (const i of prange(n)) { for (let j = 0; j < n; j++) a[j] += i; } }`),
  e("inner-index-only-write", "race", `(a, m) => { for (const i of prange(a.length)) { for (let j = 0; j < m; j++) a[j] = i * j; } }`),
  e("conditional-shared-write", "race", `(a, x) => { for (const i of prange(x.length)) { if (x[i] > 0) a[0] = x[i]; } }`),
  e("shared-update-elem", "race", `(c, x) => { for (const i of prange(x.length)) { if (x[i] > 0) c[0]++; } }`),
  e("max-into-shared-element", "race", `(m, x) => { for (const i of prange(x.length)) { if (x[i] > m[0]) m[0] = x[i]; } }`),
  e("single-iteration-write-element-read-by-all", "race", `(a, b) => { for (const i of prange(b.length)) { if (i === 0) a[0] = 5; b[i] = a[0]; } }`),
  // ---- races: affine dependences -------------------------------------------------------------
  e("true-dep-next", "race", `(a, n) => { for (const i of prange(n)) a[i + 1] = a[i]; }`),
  e("anti-dep-next", "race", `(a, n) => { for (const i of prange(n)) a[i] = a[i + 1]; }`),
  e("true-dep-prev", "race", `(a) => { for (const i of prange(1, a.length)) a[i] = a[i - 1] + 1; }`),
  e("stencil-in-place", "race", `(a) => { for (const i of prange(1, a.length - 1)) a[i] = (a[i - 1] + a[i + 1]) / 2; }`),
  e("distance-two", "race", `(a, n) => { for (const i of prange(n)) a[i + 2] = a[i] * 2; }`),
  e("stride-mismatch", "race", `(a, n) => { for (const i of prange(n)) a[2 * i] = a[i]; }`),
  e("stride-mismatch-read", "race", `(a, n) => { for (const i of prange(n)) a[i] = a[2 * i + 1]; }`),
  e("minus-minus-reverse", "race", `(a) => { const n = a.length; for (const i of prange(n)) a[n - 1 - i] = a[i]; }`),
  e("reverse-full-swap", "race", `(a) => { const n = a.length; for (const i of prange(n)) { const t = a[i]; a[i] = a[n - 1 - i]; a[n - 1 - i] = t; } }`),
  e("halves-overlap-by-one", "race", `(a, n) => { for (const i of prange(n)) { if (i < n / 2) a[i + n / 2 - 1] = a[i]; } }`),
  e("halves-wrong-bound", "race", `(a, n) => { for (const i of prange(n)) { if (i <= n / 2) a[i + n / 2] = a[i]; } }`),
  e("prange-step-2-distance-2", "race", `(a, n) => { for (const i of prange(0, n, 2)) a[i] = a[i + 2]; }`),
  e("negative-step-true-dep", "race", `(a) => { for (const i of prange(a.length - 1, 0, -1)) a[i] = a[i - 1]; }`),
  e("symbolic-offset", "race", `(a, n, off) => { for (const i of prange(n)) a[i + off] = a[i]; }`),
  e("symbolic-stride", "race", `(a, n, s) => { for (const i of prange(n)) a[i * s] = a[i * s + 1]; }`),
  e("two-arrays-cross", "race", `(a, b, n) => { for (const i of prange(n)) { a[i] = b[i]; b[i + 1] = a[i]; } }`),
  e("let-offset-dep", "race", `(a, n) => { for (const i of prange(n)) { const k = i + 1; a[k] = a[i] + 1; } }`),
  e("read-then-write-next", "race", `(a, n) => { for (const i of prange(n)) { const x = a[i]; a[i + 1] = x * 2; } }`),
  e("write-whole-then-read", "race", `(a, b, n) => { for (const i of prange(n)) { a[i] = i; b[i] = a[n - 1]; } }`),
  // ---- races: nested loops, 2-D ---------------------------------------------------------------
  e("row-overlap-j-le-n", "race", `(a, n) => { for (const i of prange(n)) { for (let j = 0; j <= n; j++) a[i * n + j] = i; } }`),
  e("jacobi-in-place-rows", "race", `(a, n) => { for (const i of prange(1, n)) { for (let j = 0; j < n; j++) a[i * n + j] = a[(i - 1) * n + j] * 0.5; } }`),
  e("column-stencil-in-place", "race", `(a, n, m) => { for (const i of prange(n)) { for (let j = 0; j < m; j++) a[j * n + i] = a[j * n + i + 1]; } }`),
  e("gauss-seidel", "race", `(a, n) => { for (const i of prange(1, n - 1)) { for (let j = 1; j < n - 1; j++) a[i * n + j] = (a[(i - 1) * n + j] + a[(i + 1) * n + j] + a[i * n + j - 1] + a[i * n + j + 1]) / 4; } }`),
  e("transpose-in-place-full", "race", `(a, n) => { for (const i of prange(n)) { for (let j = 0; j < n; j++) { const t = a[i * n + j]; a[i * n + j] = a[j * n + i]; a[j * n + i] = t; } } }`),
  e("matmul-wrong-index", "race", `(A, B, C, n) => { for (const i of prange(n)) { for (let j = 0; j < n; j++) { for (let k = 0; k < n; k++) C[k * n + j] += A[i * n + k] * B[k * n + j]; } } }`),
  e("rows-too-wide", "race", `(a, n, w) => { for (const i of prange(n)) { for (let j = 0; j < w; j++) a[i * n + j] = j; } }`),
  e("serial-columns-prange-rows-wrong", "race", `(m, cols) => { for (let c = 1; c < cols; c++) { for (const r of prange(m.length / cols)) m[r * cols + c] += m[(r + 1) * cols + c]; } }`),
  e("triangular-dep", "race", `(a, n) => { for (const i of prange(n)) { for (let j = 0; j < i; j++) a[i] += a[j]; } }`),
  e("nested-prange-shared-row", "race", `(a, n) => { for (const i of prange(n)) { for (const j of prange(n)) a[j] = i; } }`),
  // ---- races: indirect and non-affine -----------------------------------------------------
  e("histogram", "race", `(bins, data) => { for (const i of prange(data.length)) bins[data[i]] += 1; }`),
  e("histogram-mod", "race", `(bins, data, nb) => { for (const i of prange(data.length)) bins[data[i] % nb]++; }`),
  e("scatter-index-array", "race", `(a, idx, x) => { for (const i of prange(x.length)) a[idx[i]] = x[i]; }`),
  e("scatter-add-two-index-arrays", "race", `(a, idx1, idx2, x) => { for (const i of prange(x.length)) { a[idx1[i]] += x[i]; a[idx2[i]] += x[i]; } }`),
  e("mod-index", "race", `(y, x) => { for (const i of prange(x.length)) y[i % 4] += x[i]; }`),
  e("floor-half-index", "race", `(a, x) => { for (const i of prange(x.length)) a[Math.floor(i / 2)] = x[i]; }`),
  e("and-mask-index", "race", `(a, x) => { for (const i of prange(x.length)) a[i & 7] += x[i]; }`),
  e("data-dependent-index", "race", `(a, x) => { for (const i of prange(x.length)) { const k = x[i] > 0 ? i : 0; a[k] = x[i]; } }`),
  e("reassigned-index-var", "race", `(a, n) => { for (const i of prange(n)) { let k = i; k = k + 1; a[k] = a[i]; } }`),
  e("while-walk-index", "race", `(a, n) => { for (const i of prange(n)) { let k = i; while (k > 0 && a[k] > 0) k--; a[k] = 1; } }`),
  e("scaled-by-array-value", "race", `(a, s, n) => { for (const i of prange(n)) a[i * s[0]] = i; }`),
  e("conditional-dep", "race", `(a, x) => { for (const i of prange(x.length)) { if (x[i] > 0) a[i + 1] = a[i] * 2; } }`),
  // relabelled (issue 13): iterations i = 0 mod 3 write a[i + 1] (1 mod 3) and read a[i] (0 mod 3), never the same element
  e("parity-condition-disjoint", "safe", `(a) => { for (const i of prange(a.length - 1)) { if (i % 3 === 0) a[i + 1] = a[i]; } }`),
  e("parity-condition-dep", "race", `(a) => { for (const i of prange(a.length - 3)) { if (i % 3 === 0) a[i + 3] = a[i]; } }`),
  // ---- races: other hazards ---------------------------------------------------------------------
  e("bound-written", "race", `(a, n) => { for (const i of prange(n)) { a[i] = 1; n = n - 1; } }`),
  e("bound-written-reduction-shape", "race", `(a, n) => { for (const i of prange(n)) { a[i] = n; n -= 1; } }`),
];
