/**
 * Every diagnostic code: kernels that must trigger it (with the exact position) and kernels that
 * must not. Kernels are strings so that unsupported syntax reaches the compiler untouched.
 */
import { describe, expect, test } from "vitest";
import { check, compile, type ParamType } from "../../compiler/index.js";
import { messages } from "../../compiler/diagnostics/messages.js";

interface Case {
  readonly src: string;
  readonly params?: ParamType[];
  /** 1-based line:column of the diagnostic in `src` */
  readonly at?: string;
  readonly globals?: Record<string, number | boolean>;
}

const must: Record<string, Case[]> = {
  PF1001: [
    { src: `(n) => { const s = "a"; return n; }`, at: "1:20" },
    { src: `(n) => { block: { n++; } return n; }`, at: "1:10" },
    { src: `(a) => { let s = 0; for (var x of a) s += x; return s; }`, params: ["Float64Array"], at: "1:26" },
    { src: `(a) => { let s = 0; let x = 0; for (x of a) s += x; return s; }`, params: ["Float64Array"], at: "1:37" },
    { src: `(n) => { const o = { a: 1 }; return n; }`, at: "1:20" },
    { src: `(n) => { for (const x of [1, 2]) {} return n; }`, at: "1:26" },
    { src: `(n) => { try { n++; } catch (e) {} return n; }`, at: "1:10" },
    { src: `(a, n) => { return n > 0 && a[0]; }`, params: ["Float64Array", "f"] },
    { src: `(a, b, o) => { for (const i of prange(o.length)) o[i] = (i % 2 === 0 ? a : b)[i]; }`, at: "1:57" },
    // Atomics take a parameter (a local array is not shared memory the analysis follows through them)
    { src: `(n) => { const c = new Int32Array(1); for (const i of prange(n)) Atomics.add(c, 0, 1); return c[0]; }`, params: ["i"], at: "1:66" },
    { src: `(a, n) => { Atomics.add(a, 0); }`, params: ["Int32Array", "i"], at: "1:13" },
  ],
  PF1002: [
    { src: `(n) => { return n * dx; }`, at: "1:21" },
    { src: `(a) => { for (const i of prange(a.length)) a[i] = w; }`, at: "1:51" },
  ],
  PF1003: [{ src: `(n) => { return foo(n); }`, at: "1:17" }, { src: `(n) => { return console.log(n); }` }],
  PF1004: [{ src: `(n) => { for (const i of prange(n)) { return i; } return 0; }`, at: "1:39" }],
  PF1005: [{ src: `(n) => { for (const i of prange(n)) { if (i > 2) break; } }`, at: "1:50" }],
  PF1006: [{ src: `(n) => { let x = 0; x = true; return 1; }`, at: "1:14" }],
  PF1007: [
    { src: `(n) => { for (const i of prange(n)) { i = 2; } }`, at: "1:39" },
    { src: `(n) => { const k = 1; k = 2; return k; }`, at: "1:23" },
  ],
  PF1008: [{ src: `(n = 2) => n`, at: "1:2" }, { src: `(...xs) => 1` }, { src: `({ a }) => a` }],
  PF1009: [{ src: `not a function at all`, at: "1:1" }, { src: `class A {}` }],
  PF1010: [
    { src: `(n) => { if (n > 0) return 1; }` },
    { src: `(n) => { if (n > 0) return true; return 1; }` },
    // an array on one path, a number (or another kind of array, or nothing) on another
    { src: `(a, n) => { if (n > 0) return a; return n; }`, params: ["Float64Array", "i"], at: "1:34" },
    { src: `(a, b, n) => { if (n > 0) return a; return b; }`, params: ["Float64Array", "Int32Array", "i"], at: "1:37" },
    { src: `(a, n) => { const t = new Int8Array(n); if (n > 0) return t; }`, params: ["Float64Array", "i"] },
  ],
  PF1011: [
    { src: `(a) => { const b = a * 2; return a[0]; }`, params: ["Float64Array"], at: "1:20" },
    { src: `(n) => { const t = new Float64Array(n); return t + 1; }`, at: "1:48" },
  ],
  PF1012: [{ src: `(n) => Math.foo(n)`, at: "1:8" }, { src: `(n) => Number.parseFloat(n)` }, { src: `(n) => Math.TAU` }],
  PF1013: [{ src: `(a) => { let s = 0; for (const i of prange(a.length)) { s += a[i]; s *= 2; } return s; }`, params: ["Float64Array"] }],
  PF1014: [
    { src: `(x) => ${"(".repeat(501)}x${")".repeat(501)}`, at: "1:508" },
    { src: `(x) => ${Array.from({ length: 600 }, (_, i) => `x * ${i}`).join(" + ")}` },
  ],
  PF1016: [
    { src: `(n) => { function f(k) { return k <= 1 ? 1 : k * f(k - 1); } return f(n); }`, at: "1:69" },
    { src: `(n) => { const e = (k) => (k === 0 ? 1 : o(k - 1)); const o = (k) => (k === 0 ? 0 : e(k - 1)); return e(n); }` },
  ],
  PF1017: [
    { src: `(n) => { function f(x) { return x; } return f(n, 1); }` },
    { src: `(n) => { function f(x) { return x; } const g = f; return 1; }` },
  ],
  PF1019: [
    { src: `(h, k) => { for (const i of prange(k.length)) Atomics.add(h, k[i], 1); }`, params: ["Float64Array", "Int32Array"], at: "1:47" },
    { src: `(h: Float32Array, n) => { for (const i of prange(n)) Atomics.compareExchange(h, 0, 1, 2); }`, at: "1:54" },
    { src: `(h, n) => { for (const i of prange(n)) Atomics.load(h, i); }`, params: ["Uint8ClampedArray", "i"] },
    { src: `(h, n) => { Atomics.store(h, 0, n); }`, params: ["Float64Array", "f"] },
  ],
  PF2001: [
    { src: `(n) => { let val = 0; for (const i of prange(n)) { val = i; } return val; }`, at: "1:52" },
    { src: `(a) => { let t = 0; for (const i of prange(a.length)) { a[i] = t; t = a[i] + 1; } return 0; }`, params: ["Float64Array"] },
  ],
  PF1018: [
    { src: `(n) => { let t = new Float64Array(n); t = new Int32Array(n); return t[0]; }`, at: "1:39" },
    { src: `(n) => { let x = 0; return x[1]; }`, at: "1:14" },
    { src: `(n) => { const t = new Float64Array(); return t.length; }`, at: "1:20" },
    { src: `(n) => { const t = new Float64Array(n); t.set(t, 1); return 0; }`, at: "1:41" },
    { src: `(n) => { const t = new Float64Array(n); const x = t.fill(1); return 0; }`, at: "1:51" },
    { src: `(n) => { const s = 1 + Math.abs(new Float64Array(n)); return s; }` },
    { src: `(n) => { let t = new Float64Array(n); t++; return 0; }`, at: "1:39" },
    { src: `(n) => { let t = new Float64Array(n); for (const i of prange(n)) { t = new Float64Array(2); t[0] = i; } return 0; }`, at: "1:68" },
    { src: `(n) => { let t = new Float64Array(n); t = 1; return 0; }`, at: "1:39" },
    { src: `(n) => { const t = new Float64Array(n); for (const i of prange(n)) { const u = t; u[i] = 1; } }` },
    // arrays as values: one kind per variable, kept no longer than the loop trip that made them
    { src: `(a, b, n) => { let s = a; s = b; for (const i of prange(n)) s[i] = 1; }`, params: ["Float64Array", "Int32Array", "i"], at: "1:27" },
    { src: `(a, b, n) => { const s = n > 0 ? a : b; for (const i of prange(n)) s[i] = 1; }`, params: ["Float64Array", "Float32Array", "i"], at: "1:22" },
    { src: `(a, b, n) => { a = b; for (const i of prange(n)) a[i] = 1; }`, params: ["Float64Array", "Uint8Array", "i"], at: "1:16" },
    { src: `(a, n) => { let s = a; s = n; for (const i of prange(n)) s[i] = 1; }`, params: ["Float64Array", "i"], at: "1:24" },
    { src: `(a, n) => { let cur = a; for (let t = 0; t < 3; t++) { const nx = new Float64Array(n); for (const i of prange(n)) nx[i] = cur[i] + 1; cur = nx; } return cur[0]; }`, params: ["Float64Array", "i"], at: "1:135" },
    { src: `(a, b, n) => { let s = a; for (const i of prange(n)) { s = b; s[i] = 1; } }`, params: ["Float64Array", "Float64Array", "i"], at: "1:56" },
  ],
  PF2002: [
    { src: `(n) => { const tot = new Float64Array(2); for (const i of prange(n)) { tot[0] = i; } return tot[0]; }`, params: ["i"], at: "1:72" },
    { src: `(tot, n) => { for (const i of prange(n)) { tot[0] += i * tot[1]; } }`, params: ["Float64Array", "i"], at: "1:44" },
    { src: `(y, x) => { for (const i of prange(x.length)) { y[i % 4] += x[i]; y[3] = 1; } }`, params: ["Float64Array", "Float64Array"], at: "1:67" },
    { src: `(a, n) => { for (const i of prange(n)) { for (let j = 0; j < n; j++) a[j] = i; } }`, params: ["Float64Array", "i"] },
    { src: `(a, n) => { for (const i of prange(n)) { const k = 3; a[k] = i; } }`, params: ["Float64Array", "i"] },
  ],
  PF2004: [{ src: `(a) => { let s = 0; for (const i of prange(a.length)) s = s >= a[i] ? s : a[i]; return s; }`, params: ["Float64Array"], at: "1:55" }],
  PF2003: [{ src: `(a) => { let s = 0; for (const i of prange(a.length)) { s += a[i]; a[i] = s; } return s; }`, params: ["Float64Array"] }],
  PF2005: [
    { src: `(a, n) => { for (const i of prange(n)) { a[i + 1] = a[i]; } }`, params: ["Float64Array", "i"], at: "1:42" },
    // through array variables: 'dst' may hold 'a', so the write races with the read of a[i + 1]
    { src: `(a, b, n) => { const dst = n > 2 ? a : b; for (const i of prange(n - 1)) dst[i] = a[i + 1]; }`, params: ["Float64Array", "Float64Array", "i"], at: "1:74" },
    { src: `(a, b, n) => { let src = a, dst = b; for (let t = 0; t < 2; t++) { for (const i of prange(n - 1)) dst[i + 1] = dst[i]; const x = src; src = dst; dst = x; } }`, params: ["Float64Array", "Float64Array", "i"] },
    { src: `(a, n) => { for (const i of prange(n)) { a[i] = a[i - 1] + a[i + 1]; } }`, params: ["Float64Array", "i"] },
    { src: `(a, n) => { for (const i of prange(n)) { a[n - 1 - i] = a[i]; } }`, params: ["Float64Array", "i"] },
    { src: `(a, n) => { for (const i of prange(1, n)) { for (let j = 0; j < n; j++) a[i * n + j] = a[(i - 1) * n + j]; } }`, params: ["Float64Array", "i"] },
    { src: `(a, n) => { for (const i of prange(n)) { a[2 * i] = a[i]; } }`, params: ["Float64Array", "i"] },
    // stride n + 1 but the column runs to n + 1 inclusive: (k, n + 1) and (k + 1, 0) are one element
    { src: `(w, n, m) => { for (const j of prange(n + 2)) { for (let k = 0; k < m; k++) w[k * (n + 1) + j] = k; } }`, params: ["Float64Array", "i", "i"] },
    { src: `(w, n, m) => { for (const j of prange(1, n + 1)) { for (let k = 0; k < m; k++) w[k * (n - 1) + j] = k; } }`, params: ["Float64Array", "i", "i"] },
  ],
  PF2006: [
    { src: `(a, idx, n) => { for (const i of prange(n)) { a[idx[i]] += a[0]; } }`, params: ["Float64Array", "Int32Array", "i"], at: "1:47" },
    // (i + big) - big rounds to 0 for big = 1e20: a double that cancels out of the subscript proves nothing
    { src: `(o, n, big) => { for (const i of prange(n)) o[i + big - big] = i; }`, params: ["Float64Array", "i", "f"], at: "1:45" },
    { src: `(o, n, x) => { for (const i of prange(n)) o[2 * i - x + (x + 1)] = i; }`, params: ["Float64Array", "i", "f"], at: "1:43" },
    // a load or a call that cancels, and a product of int32s past 2^53 (typed a double)
    { src: `(o, c, n) => { for (const i of prange(n)) o[i + c[0] - c[0]] = i; }`, params: ["Float64Array", "Float64Array", "i"], at: "1:43" },
    { src: `(o, n, s) => { for (const i of prange(n)) o[i + Math.floor(s) - Math.floor(s)] = i; }`, params: ["Float64Array", "i", "f"], at: "1:43" },
    { src: `(o, n, m) => { const p = n * m; for (const i of prange(n)) o[i + p - p] = i; }`, params: ["Float64Array", "i", "i"], at: "1:60" },
    { src: `(a, n) => { for (const i of prange(n)) { a[i % 4] = i; } }`, params: ["Float64Array", "i"] },
    { src: `(a, x) => { for (const i of prange(x.length)) { if (x[i] > 0) a[i + 1] = a[i] * 2; } }`, params: ["Float64Array", "Float64Array"] },
    { src: `(a, n) => { for (const i of prange(n)) { a[Math.floor(i / 2)] = i; } }`, params: ["Float64Array", "i"] },
    // a plain access of an element that other iterations update with Atomics, reported at the plain access
    { src: `(c, k) => { for (const i of prange(k.length)) { Atomics.add(c, k[i], 1); if (c[0] > 5) k[i] = 0; } }`, params: ["Int32Array", "Int32Array"], at: "1:78" },
    { src: `(c, n) => { for (const i of prange(n)) { Atomics.add(c, i + 1, 1); c[i] = 0; } }`, params: ["Int32Array", "i"], at: "1:68" },
    { src: `(c, n, o) => { for (const i of prange(n)) { o[i] = Atomics.load(c, 0); c[0] = i; } }`, params: ["Int32Array", "i", "Float64Array"], at: "1:72" },
    // an update next to Atomics on the same array is not an array reduction
    { src: `(h, k) => { for (const i of prange(k.length)) { h[k[i]] += 1; Atomics.add(h, 0, 1); } }`, params: ["Int32Array", "Int32Array"], at: "1:49" },
  ],
  PF2007: [{ src: `(a, n) => { for (const i of prange(n)) { a[i] = 1; n = n - 1; } }`, params: ["Float64Array", "i"], at: "1:52" }],
};

const mustNot: Record<string, Case[]> = {
  PF1010: [
    { src: `(a, n) => { for (const i of prange(n)) a[i] = i; return a; }`, params: ["Float64Array", "i"] },
    { src: `(a, b, n) => { const t = new Float64Array(n); if (n > 3) return t; return n > 1 ? a : b; }`, params: ["Float64Array", "Float64Array", "i"] },
    { src: `(n) => new Uint16Array(n)`, params: ["i"] },
  ],
  PF1018: [
    { src: `(a, b, n, steps) => { let src = a, dst = b; for (let t = 0; t < steps; t++) { for (const i of prange(n)) dst[i] = src[i] * 0.5; const tmp = src; src = dst; dst = tmp; } }`, params: ["Float64Array", "Float64Array", "i", "i"] },
    { src: `(src, dst, n) => { let temp; for (let t = 0; t < 4; t++) { temp = src; src = dst; dst = temp; for (const i of prange(n)) dst[i] = src[i] + 1; } }`, params: ["Int32Array", "Int32Array", "i"] },
    { src: `(a, b, n) => { const cur = n > 2 ? a : b; for (const i of prange(n)) cur[i] = i; }`, params: ["Float32Array", "Float32Array", "i"] },
    { src: `(a, b, n) => { a = b; for (const i of prange(n)) a[i] = i; }`, params: ["Uint8Array", "Uint8Array", "i"] },
    { src: `(a, n) => { let u = new Float64Array(n); let v = new Float64Array(n); for (let t = 0; t < 3; t++) { for (const i of prange(n)) v[i] = u[i] + a[i]; const w = u; u = v; v = w; } return u[0]; }`, params: ["Float64Array", "i"] },
    { src: `(a, b) => { const S = a; for (const i of prange(S.length)) b[i] = S[i]; }` },
  ],
  PF1001: [
    { src: `(n) => { let c = 0; for (const i of prange(n)) { switch (i % 3) { case 0: c += 1; break; case 1: c += 2; default: c += 3; } } return c; }` },
    { src: `(a) => { let s = 0; for (const x of a) s += x; return s; }`, params: ["Float64Array"] },
  ],
  PF2001: [
    { src: `(a) => { let t = 0; for (const i of prange(a.length)) { t = a[i] * 2; a[i] = t + 1; } return 0; }`, params: ["Float64Array"] },
    { src: `(a, n) => { let v = 0; for (const i of prange(n)) { if (i === n - 1) v = a[i] * 2; } return v; }`, params: ["Float64Array", "i"] },
    { src: `(n) => { let s = 0; for (const i of prange(n)) { s += i; } return s; }` },
    { src: `(n) => { let m = -Infinity; for (const i of prange(n)) { m = Math.max(m, i % 7); } return m; }` },
    { src: `(n) => { let f = false; for (const i of prange(n)) { if (i === 3) f = true; } return f; }` },
    { src: `(a, o) => { let t = 0; for (const i of prange(o.length)) { if (a[i] > 0) t = a[i]; else t = -a[i] * 3; o[i] = t; } }`, params: ["Float64Array", "Float64Array"] },
  ],
  PF2003: [{ src: `(a) => { let s = 0; for (const i of prange(a.length)) { s += a[i]; } a[0] = s; return s; }`, params: ["Float64Array"] }],
  PF1019: [
    { src: `(h, k) => { for (const i of prange(k.length)) Atomics.add(h, k[i], 1); }` },
    ...(["Int8Array", "Uint8Array", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array"] as const).map((t): Case => ({
      src: `(h, n) => { let s = 0; for (const i of prange(n)) { Atomics.add(h, i % 3, 1); Atomics.sub(h, 0, 1); Atomics.and(h, 1, 3); Atomics.or(h, 1, 4); Atomics.xor(h, 2, 1); s += Atomics.exchange(h, 0, 2) + Atomics.compareExchange(h, 1, 0, 1) + Atomics.load(h, 2) + Atomics.store(h, 0, i); } return s; }`,
      params: [t, "i"],
    })),
  ],
  PF1016: [{ src: `(n) => { function f(k) { return k + 1; } function g(k) { return f(f(k)); } return g(n); }` }],
  PF1017: [{ src: `(a, n) => { function sq(x) { return x * x; } let s = 0; for (let i = 0; i < n; i++) s = s + sq(a[i]); return n > 0 ? sq(s) : 0; }`, params: ["Float64Array", "i"] }],
  PF1014: [
    { src: `(x) => ${"(".repeat(490)}x${")".repeat(490)}` },
    { src: `(x) => ${Array.from({ length: 400 }, (_, i) => `x * ${i}`).join(" + ")}` },
  ],
  PF2005: [
    // a swap keeps src and dst apart: the stencil reads one buffer and writes the other
    { src: `(a, b, n) => { let src = a, dst = b; for (let t = 0; t < 4; t++) { for (const i of prange(1, n - 1)) dst[i] = src[i - 1] + src[i + 1]; const x = src; src = dst; dst = x; } }`, params: ["Float64Array", "Float64Array", "i"] },
    { src: `(o, n, m) => { for (const i of prange(n)) { const w = new Int32Array(m); for (let j = 1; j < m; j++) w[j] = w[j - 1] + i; o[i] = w[m - 1]; } }`, params: ["Float64Array", "i", "i"] },
    { src: `(n) => { const t = new Float64Array(n); for (const i of prange(n)) t[i] = i; let s = 0; for (let i = 0; i < n; i++) s += t[i]; return s; }`, params: ["i"] },
    { src: `(a, n) => { for (const i of prange(n)) { a[2 * i] = a[2 * i + 1]; } }`, params: ["Float64Array", "i"] },
    { src: `(a, n) => { for (const i of prange(0, n, 2)) { a[i] = a[i + 1]; } }`, params: ["Float64Array", "i"] },
    { src: `(a, n) => { for (const i of prange(n)) { if (i < n / 2) a[i + n / 2] = a[i]; } }`, params: ["Float64Array", "i"] },
    { src: `(a, n, m) => { for (const i of prange(n)) { for (let j = 0; j < m; j++) a[j * n + i] += 1; } }`, params: ["Float64Array", "i", "i"] },
    { src: `(a, n) => { for (const i of prange(n)) { for (let j = 0; j < n; j++) a[i * n + j] = a[i * n + j] * 2; } }`, params: ["Float64Array", "i"] },
    { src: `(m, cols) => { for (let c = 1; c < cols; c++) { for (const r of prange(m.length / cols)) m[r * cols + c] += m[r * cols + c - 1]; } }`, params: ["Float64Array", "i"] },
    // a stride offset by a constant (Rodinia backprop's w[k * (ndelta + 1) + j], j in [1, ndelta])
    { src: `(w, o, nd, nly) => { for (const j of prange(1, nd + 1)) { for (let k = 0; k <= nly; k++) { o[k * (nd + 1) + j] = o[k * (nd + 1) + j] * 0.3 + w[k * (nd + 1) + j]; w[k * (nd + 1) + j] = 1; } } }`, params: ["Float64Array", "Float64Array", "i", "i"] },
    { src: `(w, n, m) => { const s = n - 2; for (const j of prange(n - 2)) { for (let k = 0; k < m; k++) w[k * s + j] = w[k * s + j] + k; } }`, params: ["Float64Array", "i", "i"] },
  ],
  PF2006: [
    { src: `(a, o, idx) => { for (const i of prange(o.length)) { o[i] = a[idx[i]]; } }`, params: ["Float64Array", "Float64Array", "Int32Array"] },
    // an int32 that cancels is exact; a double that stays in the subscript separates iterations
    // (were its sums to round, the index would be out of range: a RangeError, not a race)
    { src: `(o, n, m) => { for (const i of prange(n)) o[i + m - m] = i; }`, params: ["Float64Array", "i", "i"] },
    { src: `(o, n, x) => { for (const i of prange(n)) o[i + x] = i; }`, params: ["Float64Array", "i", "f"] },
    // Atomics never race with each other, at any index
    { src: `(c, k) => { for (const i of prange(k.length)) Atomics.add(c, k[i], 1); }`, params: ["Int32Array", "Int32Array"] },
    { src: `(c, k) => { for (const i of prange(k.length)) { Atomics.or(c, k[i] >> 5, 1 << (k[i] & 31)); Atomics.xor(c, 0, k[i]); } }`, params: ["Uint32Array", "Int32Array"] },
    { src: `(m, a) => { for (const i of prange(a.length)) { const v = a[i]; let old = Atomics.load(m, 0); while (v > old) { const p = Atomics.compareExchange(m, 0, old, v); if (p === old) break; old = p; } } }`, params: ["Int32Array", "Int32Array"] },
    // plain accesses at the iteration's own element beside Atomics at the same element: still proven apart
    { src: `(a, n) => { for (const i of prange(n)) { a[i] = 1; Atomics.add(a, i, 2); a[i] += Atomics.load(a, i); } }`, params: ["Int16Array", "i"] },
    { src: `(c, k) => { for (const i of prange(k.length)) Atomics.add(c, k[i], 1); }` },
    { src: `(a, n) => { for (const i of prange(n)) { if (i === 0) a[0] = 5; } }`, params: ["Float64Array", "i"] },
  ],
  PF2002: [
    { src: `(n) => { const tot = new Float64Array(1); for (const i of prange(n)) tot[0] += i; return tot[0]; }`, params: ["i"] },
    { src: `(o, n) => { for (const i of prange(n)) { const t = new Float64Array(4); t[0] = i; t[1] = t[0] * 2; o[i] = t[1]; } }`, params: ["Float64Array", "i"] },
    { src: `(a) => { for (const i of prange(a.length)) { a[i] += 1; } }`, params: ["Float64Array"] },
    { src: `(c, n) => { let s = 0; for (const i of prange(n)) { s += Atomics.add(c, 0, 1); Atomics.store(c, 1, i); Atomics.exchange(c, 2, i); } return s; }`, params: ["Int32Array", "i"] },
    { src: `(a, n) => { for (const i of prange(n)) { const k = i * 2; a[k] = 1; a[k + 1] = 2; } }`, params: ["Float64Array", "i"] },
    { src: `(a, n) => { for (const i of prange(n)) { for (let j = 0; j < n; j++) a[i * n + j] = j; } }`, params: ["Float64Array", "i"] },
    { src: `(tot, n) => { for (const i of prange(n)) { if (i === 0) tot[0] = n; } }`, params: ["Float64Array", "i"] },
  ],
  PF2007: [{ src: `(a, n) => { for (const i of prange(n)) { a[i] = n; } }`, params: ["Float64Array", "i"] }],
  PF1002: [{ src: `(n) => n * dx`, globals: { dx: 0.5 } }],
};

function diagnose(c: Case) {
  return check(c.src, { globals: c.globals }, c.params).diagnostics;
}

describe("diagnostics that must be reported", () => {
  for (const [code, cases] of Object.entries(must)) {
    for (const c of cases) {
      test(`${code}: ${c.src}`, () => {
        const ds = diagnose(c);
        const d = ds.find((x) => x.code === code);
        expect(d, JSON.stringify(ds.map((x) => `${x.code} ${x.message}`))).toBeDefined();
        if (c.at) expect(`${d!.line}:${d!.column}`).toBe(c.at);
        expect(d!.message.length).toBeGreaterThan(20);
        expect(d!.name).toBe(messages[code as keyof typeof messages].name);
      });
    }
  }
});

describe("diagnostics that must not be reported", () => {
  for (const [code, cases] of Object.entries(mustNot)) {
    for (const c of cases) {
      test(`no ${code}: ${c.src}`, () => {
        const ds = diagnose(c);
        expect(ds.filter((x) => x.code === code)).toEqual([]);
        expect(ds.filter((x) => x.category === "error")).toEqual([]);
      });
    }
  }
});

describe("a signature that contradicts the kernel (compile() called directly)", () => {
  test("is PF3001 or PF3002 naming the parameter, never a compiler failure", () => {
    const cases: [string, ParamType[], string][] = [
      [`(a) => { a[0]++; return a[0]; }`, ["f"], "PF3001 anonymous: argument 1 ('a') must be a typed array"],
      [`(a, i) => { return a[i] = 5; }`, ["i", "i"], "PF3001 anonymous: argument 1 ('a') must be a typed array"],
      [`(a, n) => { for (const i of prange(n)) a[i] = i; }`, ["Float64Array"], "PF3002"],
    ];
    for (const [src, sig, want] of cases) {
      const ds = compile(src, sig).diagnostics;
      expect(ds.map((d) => d.code)).not.toContain("PF1015");
      expect(ds.map((d) => `${d.code} ${d.message}`).join("\n")).toContain(want);
    }
  });
});

describe("one error per mistake", () => {
  test("a destructuring declaration is one PF1001 per declaration; its names are not also PF1002", () => {
    const ds = diagnose({ src: `(a, n) => { let s = 0; for (const i of prange(n)) { const [x, y] = [a[i], a[i] + 1]; const { p, q: [r] } = a; s += x * y + p + r; } return s; }`, params: ["Float64Array", "s"] });
    expect(ds.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(["PF1001 1:59", "PF1001 1:92"]);
  });
});

describe("the diagnostics table", () => {
  test("every compiler code in the table is exercised by a must-trigger case here or in the API tests", () => {
    // PF3005 (an untyped kernel parameter, at build time) in test/bundler/types.test.ts, PF1015 (an internal failure) in limits.test.ts, PF4001 (copy cost, at call time) in test/runtime/copy-cost.test.ts, PF4002 (private copies too large) in test/differential/array-reductions.test.ts
    const covered = new Set([...Object.keys(must), "PF3001", "PF3002", "PF3003", "PF3004", "PF2008", "PF1015", "PF4001", "PF4002", "PF3005"]);
    for (const code of Object.keys(messages)) expect(covered.has(code), code).toBe(true);
  });
  test("every code is used in the source", async () => {
    const { readFileSync, readdirSync, statSync } = await import("node:fs");
    const { join } = await import("node:path");
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith(".ts") && !p.endsWith("messages.ts")) files.push(p);
      }
    };
    walk("compiler");
    walk("runtime");
    walk("bundler");
    const text = files.map((f) => readFileSync(f, "utf8")).join("\n");
    for (const code of Object.keys(messages)) expect(text.includes(`"${code}"`), code).toBe(true);
  });
  test("compiling the same kernel twice gives identical bytes", () => {
    const src = `(a, n) => { let s = 0; for (const i of prange(n)) { s += Math.exp(a[i]); } return s; }`;
    const x = compile(src, ["Float64Array", "i"]).compiled!.wasm;
    const y = compile(src, ["Float64Array", "i"]).compiled!.wasm;
    expect(Buffer.from(x).equals(Buffer.from(y))).toBe(true);
  });
});
