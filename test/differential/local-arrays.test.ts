/**
 * Arrays a kernel makes: `new K(n)` at function level (one per call, shared by the iterations,
 * reduced like a parameter) and in a prange body (the iteration's own scratch, from the thread's
 * arena, released at the end of each trip). Each kernel is compared with the plain function at
 * 1-4 threads and every array mode.
 */
import { describe, expect, test } from "vitest";
import { prange, parallel } from "../../index.js";
import { checkThrowsRange, diffAll, type Kernel, type Rng } from "./harness.js";

const js = (params: string, body: string): Kernel =>
  new Function("prange", `return function kernel(${params}) {\n${body}\n};`)(prange) as Kernel;

const KINDS = ["Float64Array", "Float32Array", "Int32Array", "Uint32Array", "Int16Array", "Uint16Array", "Int8Array", "Uint8Array", "Uint8ClampedArray"];

const vec = (rng: Rng) => {
  const n = rng.int(1, 300);
  return [rng.f64(n, -300, 300), new Float64Array(n), n];
};
const withM = (rng: Rng) => {
  const n = rng.int(1, 120);
  return [rng.f64(n, -50, 50), new Float64Array(n), n, rng.int(1, 40)];
};

describe("function-level arrays", () => {
  diffAll(
    KINDS.map((K) => [
      `${K}: filled in a prange, read back in a serial loop (store conversions, zero fill)`,
      js("a, out, n", `
        const t = new ${K}(n + 3);
        for (const i of prange(n)) t[i] = a[i] * 1.7;
        let s = 0;
        for (let i = 0; i < t.length; i++) s += t[i] * (i + 1);
        for (const i of prange(n)) out[i] = t[i] + t[n + 2];
        return s;`),
      vec,
    ] as const),
  );
  diffAll([
    ["one-element total: tot[0] += i is an array reduction", js("a, out, n", `
      const tot = new Int32Array(1);
      for (const i of prange(n)) tot[0] += i * 3 - 7;
      return tot[0];`), vec],
    ["histogram into a local Uint32Array, copied out", js("a, out, n", `
      const h = new Uint32Array(16);
      for (const i of prange(n)) h[Math.abs(Math.trunc(a[i])) % 16]++;
      for (let b = 0; b < 16 && b < n; b++) out[b] = h[b];`), vec],
    ["column sums of a local matrix", js("a, out, n", `
      const cols = 4;
      const m = new Float64Array(n * cols);
      for (const i of prange(n)) for (let j = 0; j < cols; j++) m[i * cols + j] = Math.round(a[i]) + j;
      const acc = new Float64Array(cols);
      for (const i of prange(n)) for (let j = 0; j < cols; j++) acc[j] += m[i * cols + j];
      for (let j = 0; j < cols && j < n; j++) out[j] = acc[j];`), vec],
    ["fill of a local and of a parameter", js("a, out, n", `
      const t = new Int16Array(n);
      t.fill(a[0] * 1000);
      out.fill(-0.5);
      for (const i of prange(n)) out[i] += t[i];
      return t.length;`), vec],
    ["a fresh array in each trip of a serial loop outside pranges", js("a, out, n", `
      let s = 0;
      for (let r = 0; r < 5; r++) {
        const t = new Float64Array(n);
        for (const i of prange(n)) t[i] = a[i] * r;
        for (let i = 0; i < n; i++) s += t[i];
        out[r % n] += s;
      }
      return s;`), vec],
    ["lengths converted like the constructor: fractions truncate, NaN is 0", js("a, out, n", `
      const t = new Float64Array(n / 3);
      const u = new Uint8Array(NaN);
      for (const i of prange(t.length)) t[i] = i;
      return t.length * 1000 + u.length;`), vec],
    ["a negative length throws the constructor's RangeError", js("a, out, n", `
      const t = new Float64Array(n - 400);
      return t.length;`), vec],
  ]);
});

describe("per-iteration scratch arrays", () => {
  diffAll([
    ["scratch window: prefix sums per iteration", js("a, out, n, m", `
      for (const i of prange(n)) {
        const w = new Float64Array(m);
        for (let j = 0; j < m; j++) w[j] = a[(i + j) % n];
        for (let j = 1; j < m; j++) w[j] += w[j - 1];
        out[i] = w[m - 1] - w[0];
      }`), withM],
    ["scratch starts zeroed in every iteration (reused memory)", js("a, out, n, m", `
      for (const i of prange(n)) {
        const w = new Int32Array(m);
        let z = 0;
        for (let j = 0; j < m; j++) z += w[j];
        for (let j = 0; j < m; j++) w[j] = i + j;
        out[i] = z + w[m - 1];
      }`), withM],
    ["scratch of every kind in one body", js("a, out, n, m", `
      for (const i of prange(n)) {
        ${KINDS.map((K, q) => `const s${q} = new ${K}(m); s${q}[i % m] = a[i] * 9.3;`).join("\n        ")}
        let t = 0;
        ${KINDS.map((_, q) => `t += s${q}[i % m] + s${q}.length;`).join(" ")}
        out[i] = t;
      }`), withM],
    ["scratch in an inner serial loop, one per inner trip", js("a, out, n, m", `
      for (const i of prange(n)) {
        let best = -Infinity;
        for (let r = 0; r < 3; r++) {
          const u = new Uint8ClampedArray(m + r);
          for (let j = 0; j < u.length; j++) u[j] = a[i] + j * r;
          let s = 0;
          for (let j = 0; j < u.length; j++) s += u[j];
          if (s > best) best = s;
        }
        out[i] = best;
      }`), withM],
    ["scratch with a length that depends on the iteration, and continue", js("a, out, n, m", `
      for (const i of prange(n)) {
        const w = new Float32Array(i % m + 1);
        if (i % 5 === 0) continue;
        for (let j = 0; j < w.length; j++) w[j] = a[i] / (j + 1);
        let s = 0;
        for (let j = 0; j < w.length; j++) s += w[j];
        out[i] = s;
      }`), withM],
    ["scratch in a prange nested in a prange", js("a, out, n, m", `
      for (const i of prange(n)) {
        let s = 0;
        for (const j of prange(m)) {
          const w = new Int32Array(2);
          w[0] = i; w[1] = j;
          s += w[0] * w[1];
        }
        out[i] = s;
      }`), withM],
    ["scratch beside a reduction", js("a, out, n, m", `
      let tot = 0;
      for (const i of prange(n)) {
        const w = new Int32Array(m);
        for (let j = 0; j < m; j++) w[j] = (i * j) % 7;
        for (let j = 0; j < m; j++) tot += w[j];
      }
      return tot;`), withM],
  ]);
});

describe("out-of-bounds on a kernel's own arrays", () => {
  test("function-level: RangeError naming the array, the index and its length", () => {
    const k = js("n", `const t = new Float64Array(n); for (const i of prange(n)) t[i + 1] = i; return t[0];`);
    checkThrowsRange(k, () => [10], { array: "t", index: 10 });
    const c = parallel(k as (n: number) => number, { threads: 1, warnings: false });
    expect(() => c(10)).toThrow(/array 't' \(length 10\) at .* line 2:/);
  });
  test("scratch: RangeError naming the array and the index", () => {
    const k = js("o, n", `for (const i of prange(n)) { const w = new Int32Array(4); w[i] = 1; o[i] = w[0]; }`);
    checkThrowsRange(k, () => [new Float64Array(9), 9], { array: "w", index: 4 });
  });
});

describe("scratch arrays elsewhere", () => {
  const body = js("a, out, n, m", `
    for (const i of prange(n)) {
      const w = new Float64Array(m);
      for (let j = 0; j < m; j++) w[j] = a[i] + j;
      let s = 0;
      for (let j = 0; j < m; j++) s += w[j];
      out[i] = s;
    }`);
  diffAll([
    ["through .async (main on a pool worker, arenas there)", body, withM, { async: true }],
    ["in checked mode", body, withM, { parallelOptions: { check: "races" } }],
    ["with the dynamic schedule", body, withM, { parallelOptions: { schedule: "dynamic", chunkSize: 3 } }],
  ]);
  test("memory does not grow with the iteration count (1 KiB per iteration, 200,000 iterations)", async () => {
    const { memoryUsage } = await import("../../index.js");
    const k = parallel(((n: number) => {
      let t = 0;
      for (const i of prange(n)) {
        const w = new Float64Array(128);
        w[i % 128] = i;
        t += w[i % 128]!;
      }
      return t;
    }) as (n: number) => number, { threads: 2 });
    expect(k(1000)).toBe((999 * 1000) / 2);
    const before = memoryUsage().sharedMemoryBytes;
    expect(k(200000)).toBe((199999 * 200000) / 2);
    expect(memoryUsage().sharedMemoryBytes - before).toBeLessThanOrEqual(4 * 1024 * 1024);
  });
});
