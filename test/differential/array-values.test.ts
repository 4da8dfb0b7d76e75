/**
 * Arrays as values: locals that hold array parameters or the kernel's own arrays and are
 * reassigned between loops (buffer swaps over time steps), `?:` between arrays, assigned array
 * parameters. Each kernel is compared with the plain function at 1-4 threads and every array
 * mode; bounds errors through an array variable name the length of the array it holds.
 */
import { describe, expect, test } from "vitest";
import { parallel, prange } from "../../index.js";
import { checkThrowsRange, diffAll, type Kernel, type Rng } from "./harness.js";

const js = (params: string, body: string): Kernel =>
  new Function("prange", `return function kernel(${params}) {\n${body}\n};`)(prange) as Kernel;

/** two arrays of length n, the step count, n */
const twoBuffers = (rng: Rng, c: number) => {
  const n = c === 0 ? 0 : rng.int(1, 300);
  return [rng.f64(n, -10, 10), rng.f64(n, -10, 10), rng.int(0, 7), n];
};
const twoInts = (rng: Rng, c: number) => {
  const n = c === 0 ? 0 : rng.int(1, 200);
  return [rng.i32(n, -1000, 1000), new Int32Array(n), rng.int(1, 6), n];
};

describe("buffer swaps between time steps", () => {
  diffAll([
    ["let src = a, dst = b; swap through a const temp after each step (Jacobi 1-D)", js("a, b, steps, n", `
      let src = a, dst = b;
      for (let t = 0; t < steps; t++) {
        for (const i of prange(n)) dst[i] = (i > 0 ? src[i - 1] : 0) * 0.25 + src[i] * 0.5 + (i < n - 1 ? src[i + 1] : 0) * 0.25;
        const tmp = src;
        src = dst;
        dst = tmp;
      }
      return n > 0 ? src[0] + dst.length : -1;`), twoBuffers],
    ["assigned array parameters swapped with a let declared without a value (pathfinder)", js("src, dst, steps, n", `
      let temp;
      for (let t = 0; t < steps; t++) {
        temp = src;
        src = dst;
        dst = temp;
        for (const i of prange(n)) dst[i] = Math.min(src[i], i > 0 ? src[i - 1] : src[i]) + i % 3;
      }`), twoBuffers],
    ["Int32 buffers swapped inside an if, only on some steps", js("a, b, steps, n", `
      let cur = a;
      let nxt = b;
      for (let t = 0; t < steps * 2; t++) {
        for (const i of prange(n)) nxt[i] = (cur[i] + cur[(i + 1) % n]) | 0;
        if (t % 3 !== 1) { const x = cur; cur = nxt; nxt = x; }
      }
      let s = 0;
      for (let i = 0; i < n; i++) s += cur[i] - nxt[i];
      return s;`), twoInts],
    ["swapping the kernel's own arrays, copied out at the end", js("a, out, steps, n", `
      let u = new Float64Array(n);
      let v = new Float64Array(n);
      for (const i of prange(n)) u[i] = a[i];
      for (let t = 0; t < steps; t++) {
        for (const i of prange(n)) v[i] = u[i] * 0.9 + (i + t) * 0.01;
        const w = u; u = v; v = w;
      }
      for (const i of prange(n)) out[i] = u[i] - v[i];
      return u.length;`), twoBuffers],
    ["a parameter and a local array in one variable (same kind)", js("a, b, steps, n", `
      const scratch = new Float64Array(n);
      let src = a;
      let dst = scratch;
      for (let t = 0; t < steps; t++) {
        for (const i of prange(n)) dst[i] = src[n - 1 - i] + 1;
        const tmp = src; src = dst; dst = tmp;
      }
      for (const i of prange(n)) b[i] = src[i];`), twoBuffers],
    ["a loop that breaks out after a swap", js("a, b, steps, n", `
      let src = a, dst = b;
      for (let t = 0; ; t++) {
        for (const i of prange(n)) dst[i] = src[i] * 2 - t;
        const tmp = src; src = dst; dst = tmp;
        if (t >= steps) break;
      }
      for (const i of prange(n)) a[i] = a[i] + src[i];`), twoBuffers],
  ]);
});

describe("selection and assigned parameters", () => {
  const pick = (rng: Rng, c: number) => {
    const n = c === 0 ? 0 : rng.int(1, 200);
    return [rng.f64(n, -5, 5), rng.f64(n, -5, 5), rng.int(-2, 2), n];
  };
  diffAll([
    ["const cur = f > 0 ? a : b: written through, the other read", js("a, b, f, n", `
      const cur = f > 0 ? a : b;
      const other = f > 0 ? b : a;
      for (const i of prange(n)) cur[i] = other[i] * 3 + cur[i];
      return n;`), pick],
    ["nested ?: of three arrays, then reassigned", js("a, b, f, n", `
      const c = new Float64Array(n);
      let x = f > 0 ? a : f < 0 ? b : c;
      for (const i of prange(n)) x[i] = i;
      x = f > 0 ? b : a;
      for (const i of prange(n)) x[i] += c[i] + 1;`), pick],
    ["a = b: the parameter names the other argument, whose elements change", js("a, b, f, n", `
      for (const i of prange(n)) a[i] = -a[i];
      a = b;
      for (const i of prange(n)) a[i] = a[i] * 2 + f;
      return a.length;`), pick],
    ["const S = stockPrice: a read-only local name for a parameter", js("a, b, f, n", `
      const S = a;
      const T = b;
      for (const i of prange(S.length)) T[i] = S[i] * S[i] + f;`), pick],
  ]);
});

describe("bounds through an array variable", () => {
  // the variable holds the shorter array on odd steps: the error names that array's length
  const fn = js("a, b, steps, n", `
    let src = a, dst = b;
    for (let t = 0; t < steps; t++) {
      for (const i of prange(n)) dst[i] = src[i] + 1;
      const tmp = src; src = dst; dst = tmp;
    }`);
  test("a write through dst past the shorter array it holds", () => checkThrowsRange(fn, () => [new Float64Array(40), new Float64Array(30), 2, 35], { array: "dst", index: 30, length: 30 }));
  test("a read through src past the shorter array it holds", () => checkThrowsRange(fn, () => [new Float64Array(30), new Float64Array(40), 2, 35], { array: "src", index: 30, length: 30 }));
});

describe("returned arrays", () => {
  const one = (rng: Rng, c: number) => {
    const n = c === 0 ? 0 : rng.int(1, 300);
    return [rng.f64(n, -10, 10), n];
  };
  const two = (rng: Rng, c: number) => {
    const n = c === 0 ? 0 : rng.int(1, 300);
    return [rng.f64(n, -10, 10), rng.f64(n, -10, 10), rng.int(0, 5), n];
  };
  diffAll([
    ["a parameter, written in place: the same object comes back", js("a, n", `
      for (const i of prange(n)) a[i] = a[i] * 2 + 1;
      return a;`), one],
    ["a parameter only read", js("a, n", `
      let s = 0;
      for (const i of prange(a.length)) s += i;
      return s >= n ? a : a;`), one],
    ["an array of the kernel's own: a new ordinary array the caller owns", js("a, n", `
      const y = new Float64Array(n + 2);
      for (const i of prange(n)) y[i + 1] = a[i] * a[i];
      return y;`), one],
    ["a zero-length array of the kernel's own", js("a, n", `
      const z = new Int32Array(0);
      for (const i of prange(n)) a[i] = i;
      return z;`), one],
    ["new K(n) returned directly", js("a, n", `
      return new Uint8ClampedArray(n);`), one],
    ["the variable a swap left holding one of the buffers", js("a, b, steps, n", `
      let src = a, dst = b;
      for (let t = 0; t < steps; t++) {
        for (const i of prange(n)) dst[i] = src[i] * 0.5 + t;
        const tmp = src; src = dst; dst = tmp;
      }
      return src;`), two],
    ["?: between a parameter and a local array", js("a, b, steps, n", `
      const t = new Float64Array(n);
      for (const i of prange(n)) t[i] = a[i] - b[i];
      return steps % 2 === 0 ? t : b;`), two],
    ["returned from inside a serial loop, or after it", js("a, b, steps, n", `
      for (let r = 0; r < 3; r++) {
        const t = new Float64Array(n);
        for (const i of prange(n)) t[i] = a[i] * r;
        if (r === steps) return t;
      }
      return a;`), two],
  ]);
  diffAll([
    ["a local array reduced across the loop (Numba's whole-array result)", js("a, n", `
      const y = new Float64Array(4);
      for (const i of prange(n)) for (let k = 0; k < 4; k++) y[k] += a[i] * (k + 1);
      return y;`), one, { floatReduction: true }],
    ["through an async call", js("a, n", `
      const y = new Float32Array(n);
      for (const i of prange(n)) y[i] = a[i] / 3;
      return y;`), one, { async: true }],
  ]);
  test("a returned array is the caller's: the next call does not change it", () => {
    const k = parallel(js("a, n", `
      const y = new Float64Array(n);
      for (const i of prange(n)) y[i] = a[i] + 1;
      return y;`) as never, { threads: 2 }) as unknown as (a: Float64Array, n: number) => Float64Array;
    const r1 = k(Float64Array.from([1, 2, 3]), 3);
    const r2 = k(Float64Array.from([10, 20, 30]), 3);
    expect(Array.from(r1)).toEqual([2, 3, 4]);
    expect(Array.from(r2)).toEqual([11, 21, 31]);
    expect(r1).not.toBe(r2);
    expect(r1.buffer instanceof SharedArrayBuffer).toBe(false);
  });
});

describe("returned arguments the kernel does not touch", () => {
  const same = (rng: Rng, c: number) => {
    const n = c === 0 ? 0 : rng.int(1, 50);
    return [rng.f64(n), rng.f64(n), rng.int(0, 3)];
  };
  diffAll([
    ["one of two arrays of one length, neither read nor written: the right object", js("a, b, f", `
      let s = 0;
      for (const i of prange(a.length + b.length)) s += i;
      return f + s * 0 > 1 ? b : a;`), same],
  ]);
});
