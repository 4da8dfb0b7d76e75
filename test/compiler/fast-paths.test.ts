/**
 * The two specialised code paths of a chunk: two-lane (f64x2) bodies and bounds checks hoisted
 * to the chunk entry. Each must give exactly the plain function's results and errors, including
 * at the edges where the fast path must step aside.
 */
import { describe, expect, test } from "vitest";
import { array, parallel, prange } from "../../index.js";
import { compile } from "../../compiler/index.js";

const THREADS = [1, 2, 3];

function runAll<A extends unknown[]>(fn: (...a: A) => unknown, make: () => A) {
  const ref = make();
  let expected: unknown;
  let expectedErr: unknown;
  try {
    expected = fn(...ref);
  } catch (e) {
    expectedErr = e;
  }
  for (const threads of THREADS) {
    const args = make();
    const k = parallel(fn, { threads });
    if (expectedErr) {
      expect(() => k(...(args as never[])), `threads=${threads}`).toThrow((expectedErr as Error).constructor as never);
      continue;
    }
    const got = k(...(args as never[]));
    expect(Object.is(got, expected) || (typeof got === "number" && Math.abs((got as number) - (expected as number)) <= 1e-12 * Math.abs(expected as number)), `threads=${threads}: ${got} vs ${expected}`).toBe(true);
    args.forEach((a, i) => {
      if (ArrayBuffer.isView(a)) expect(Array.from(a as Float64Array), `threads=${threads} arg ${i}`).toEqual(Array.from(ref[i] as Float64Array));
    });
  }
}

const seq = (n: number, f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));

describe("two-lane bodies", () => {
  test("an inner loop bounded by an array's length runs on the lanes; one bounded by an array the body declares does not", () => {
    // spectral-norm's `for (let j = 0; j < u.length; ++j) t += A(i, j) * u[j]`
    const byLength = (u: Float64Array, v: Float64Array) => {
      for (const i of prange(v.length)) {
        let t = 0;
        for (let j = 0; j < u.length; ++j) t += u[j] / ((i + j) * (i + j + 1) / 2 + i + 1);
        v[i] = t;
      }
    };
    const byLocal = (u: Float64Array, v: Float64Array) => {
      for (const i of prange(v.length)) {
        const w = new Float64Array(i + 1);
        let t = 0;
        for (let j = 0; j < w.length; ++j) t += u[j] + w[j];
        v[i] = t;
      }
    };
    const lanesOf = (fn: (u: Float64Array, v: Float64Array) => void): string =>
      parallel(fn, { warnings: false }).explain(new Float64Array(9), new Float64Array(9)).text.split("\n").find((l) => l.includes("lanes:"))!;
    expect(lanesOf(byLength)).toMatch(/two \(f64x2\)/);
    expect(lanesOf(byLocal)).toMatch(/one iteration at a time/);
    runAll(byLength, () => [seq(13, (i) => Math.cos(i)), new Float64Array(11)] as [Float64Array, Float64Array]);
    runAll(byLocal, () => [seq(13, (i) => Math.cos(i)), new Float64Array(11)] as [Float64Array, Float64Array]);
  });
  for (const n of [0, 1, 2, 3, 7, 256, 1001]) {
    test(`elementwise and a sum, n = ${n} (odd tails run scalar)`, () => {
      runAll(
        (a: Float64Array, o: Float64Array) => {
          let s = 0;
          for (const i of prange(a.length)) {
            const x = a[i] * 0.5 + i;
            o[i] = Math.sqrt(Math.abs(x)) - x / 3;
            s += x * x;
          }
          return s;
        },
        () => [seq(n, (i) => Math.sin(i) * 100), new Float64Array(n)] as [Float64Array, Float64Array],
      );
    });
  }
  test("min and max reductions with -0, +0 and NaN give the plain bits", () => {
    runAll(
      (a: Float64Array) => {
        let lo = Infinity;
        let hi = -Infinity;
        for (const i of prange(a.length)) {
          lo = Math.min(lo, a[i]);
          hi = Math.max(a[i], hi);
        }
        return lo * 1000 + hi;
      },
      () => [Float64Array.from([0, -0, 3, -7, 0, 12, -0, 5, 9])] as [Float64Array],
    );
    runAll(
      (a: Float64Array) => {
        let lo = Infinity;
        for (const i of prange(a.length)) lo = Math.min(lo, a[i]);
        return lo;
      },
      () => [Float64Array.from([1, 2, NaN, 4, 5])] as [Float64Array],
    );
  });
  test("a written view overlapping a read one falls back to the scalar order", () => {
    const make = () => {
      const buf = seq(20, (i) => i);
      return [buf.subarray(0, 19), buf.subarray(1, 20)] as [Float64Array, Float64Array];
    };
    const kernel = (src: Float64Array, dst: Float64Array) => {
      for (const i of prange(src.length)) dst[i] = src[i] * 2;
    };
    const plain = make();
    kernel(plain[0], plain[1]);
    const got = make();
    parallel(kernel, { threads: 1 })(got[0], got[1]);
    expect(Array.from(got[1])).toEqual(Array.from(plain[1]));
  });
  test("zero-copy arrays and a step of 2 or -1", () => {
    runAll(
      (a: Float64Array, o: Float64Array) => {
        for (const i of prange(0, a.length, 2)) o[i] = a[i] + 1;
        for (const i of prange(a.length - 1, -1, -1)) o[i] = o[i] * 3 + a[i];
      },
      () => {
        const a = array(Float64Array, 9);
        a.set(seq(9, (i) => i * i));
        return [a, array(Float64Array, 9)] as [Float64Array, Float64Array];
      },
    );
  });
  test("an out-of-bounds element in the chunk raises the plain RangeError", () => {
    const k = parallel((a: Float64Array, n: number) => {
      let s = 0;
      for (const i of prange(n)) s += a[i];
      return s;
    });
    expect(() => k(new Float64Array(10), 11)).toThrow(/index 10 is out of bounds for array 'a' \(length 10\)/);
  });
});

describe("hoisted bounds checks", () => {
  test("a[i + 1] past the end raises at index n", () => {
    const k = parallel((a: Int32Array, o: Int32Array) => {
      for (const i of prange(o.length)) o[i] = a[i + 1] - a[i];
    });
    for (const threads of THREADS) {
      const kk = parallel(k.fn, { threads });
      expect(() => kk(new Int32Array(8), new Int32Array(8))).toThrow(/index 8 is out of bounds for array 'a' \(length 8\)/);
    }
  });
  test("a guarded access that would be out of bounds is never performed", () => {
    runAll(
      (a: Int32Array, o: Int32Array) => {
        const n = a.length;
        for (const i of prange(n)) {
          o[i] = i + 1 < n ? a[i + 1] - a[i] : 0;
        }
      },
      () => [Int32Array.from({ length: 33 }, (_, i) => i * i), new Int32Array(33)] as [Int32Array, Int32Array],
    );
  });
  test("strided, offset and reversed affine indices", () => {
    runAll(
      (a: Float64Array, o: Float64Array, k: number) => {
        for (const i of prange(k, o.length)) o[i] = a[2 * i] + a[2 * i + 1] - a[i - k];
        for (const i of prange(o.length - 1, k - 1, -1)) o[i] += a[i * 2];
      },
      () => [seq(64, (i) => i * 0.25), new Float64Array(32), 3] as [Float64Array, Float64Array, number],
    );
  });
  test("a negative offset below zero raises at the first iteration (one thread; with several, at an iteration that is out of range)", () => {
    const body = (a: Float64Array, k: number) => {
      let s = 0;
      for (const i of prange(a.length)) s += a[i - k];
      return s;
    };
    expect(() => parallel(body, { threads: 1 })(new Float64Array(5), 2)).toThrow(/index -2 is out of bounds for array 'a'/);
    // i = 0 and i = 1 are both out of range: the thread that reaches its one first names it
    const k = parallel(body, { threads: 2 });
    for (let r = 0; r < 20; r++) expect(() => k(new Float64Array(5), 2)).toThrow(/index -[12] is out of bounds for array 'a' \(length 5\)/);
  });
});

describe("which loops take the fast paths", () => {
  const loops = (src: string, params: import("../../compiler/index.js").ParamType[]) => compile(src, params).compiled!.loops;
  test("pi-class, elementwise and if/else bodies run two lanes; gathers and uniform inner loops too; bitwise reductions, unproven subscripts and iteration-dependent loops do not", () => {
    const F = "Float64Array" as const;
    expect(loops(`(n) => { let s = 0; for (const i of prange(n)) { const x = (i + 0.5) / n; s += 4 / (1 + x * x); } return s; }`, ["i"])[0]!.lanes).toBe(2);
    expect(loops(`(a, o) => { for (const i of prange(a.length)) o[i] = a[i] * 2; }`, [F, F])[0]!.lanes).toBe(2);
    expect(loops(`(a, o) => { for (const i of prange(a.length)) { if (a[i] > 0) o[i] = a[i]; } }`, [F, F])[0]!.lanes).toBe(2);
    expect(loops(`(a, b, n) => { const h = (b - a) / n; let s = 0; for (const i of prange(1, n)) { const x = a + i * h; if (i % 2 === 1) s += 4 * Math.exp(x); else s += 2 * Math.exp(x); } return s; }`, ["f", "f", "i"])[0]!.lanes).toBe(2);
    expect(loops(`(a, o) => { for (const i of prange(a.length)) o[i] = a[i] > 1 && a[i] < 2 ? Math.sqrt(a[i]) : -a[i]; }`, [F, F])[0]!.lanes).toBe(2);
    expect(loops(`(a, o) => { for (const i of prange(a.length)) o[i] = a[i] * 2; }`, ["Float32Array", "Float32Array"])[0]!.lanes).toBe(2);
    // a double sum of an integer remainder (exact either way)
    expect(loops(`(n) => { let s = 0; for (const i of prange(n)) s += i % 3; return s; }`, ["i"])[0]!.lanes).toBe(2);
    expect(loops(`(n) => { let s = 0; for (const i of prange(n)) s |= i; return s; }`, ["i"])[0]!.lanes).toBe(1);
    expect(loops(`(a, o) => { for (const i of prange(a.length - 1)) o[i] = a[i + 1]; }`, [F, F])[0]!.lanes).toBe(2);
    // a gather at a computed index of the index (proven in bounds per chunk), read once per lane
    expect(loops(`(a, o) => { for (const i of prange(a.length >> 1)) o[i] = Math.exp(a[i * 2]) + 1; }`, [F, F])[0]!.lanes).toBe(2);
    // ... unless the per-lane reads outweigh the arithmetic (a plain copy gains nothing from lanes)
    expect(loops(`(a, o) => { for (const i of prange(a.length >> 1)) o[i] = a[i * 2]; }`, [F, F])[0]!.lanes).toBe(1);
    // a Jacobi sweep: five reads and a store per lane for five operations stays scalar
    expect(loops(`(A, B, n) => { for (const i of prange(1, n - 1)) { for (let j = 1; j < n - 1; j++) B[i * n + j] = 0.2 * (A[i * n + j] + A[i * n + j - 1] + A[i * n + j + 1] + A[(i + 1) * n + j] + A[(i - 1) * n + j]); } }`, [F, F, "s"])[0]!.lanes).toBe(1);
    // a read whose index grows by one with the index is one two-lane load, whatever the arithmetic
    expect(loops(`(a, o, n) => { for (const i of prange(n)) o[i] = a[i + 2 * n]; }`, [F, F, "s"])[0]!.lanes).toBe(2);
    // ... but not one the entry check cannot prove, nor one indexed by a value read from memory
    expect(loops(`(a, o) => { for (const i of prange(o.length)) o[i] = a[(i * 7) % 5]; }`, [F, F])[0]!.lanes).toBe(1);
    expect(loops(`(a, idx, o) => { for (const i of prange(o.length)) o[i] = a[idx[i]]; }`, [F, "Int32Array", F])[0]!.lanes).toBe(1);
    // nor one of an array the loop writes
    expect(loops(`(o) => { for (const i of prange(o.length >> 1)) o[i] = o[2 * i + 1]; }`, [F])[0]!.lanes).toBe(1);
    // inner loops with the same trip count on both lanes run on the lanes; others do not
    expect(loops(`(a, n) => { let s = 0; for (const i of prange(n)) { for (let j = 0; j < 3; j++) s += j; } return s; }`, [F, "i"])[0]!.lanes).toBe(2);
    expect(loops(`(a, n) => { let s = 0; for (const i of prange(n)) { for (let j = 0; j < i; j++) s += j; } return s; }`, [F, "i"])[0]!.lanes).toBe(1);
    expect(loops(`(a, n) => { let s = 0; for (const i of prange(n)) { let j = 0; while (j < 3) { s += j; j++; } } return s; }`, [F, "i"])[0]!.lanes).toBe(1);
    expect(loops(`(a, n) => { let s = 0; for (const i of prange(n)) { for (let j = 0; j < 3; j++) { s += j; j += a[i] > 0 ? 1 : 0; } } return s; }`, [F, "i"])[0]!.lanes).toBe(1);
    expect(loops(`(a, o) => { for (const i of prange(a.length)) { if (a[i] > 0) continue; o[i] = 1; } }`, [F, F])[0]!.lanes).toBe(1);
    // a remainder whose dividend may be negative runs on the lanes as the scalar code computes it
    // (the sign of the dividend, -0 included: test/differential/lanes.test.ts checks the bits)
    expect(loops(`(o, k) => { for (const i of prange(o.length)) o[i] = (i - k) % 3; }`, [F, "i"])[0]!.lanes).toBe(2);
  });
  test("accesses indexed by sums of products of the index and invariants have their checks hoisted; indirect ones keep them", () => {
    expect(loops(`(a, o, k) => { for (const i of prange(o.length)) o[i] = a[2 * i + 1] + a[i - k]; }`, ["Float64Array", "Float64Array", "s"])[0]!.hoistedChecks).toBe(3);
    expect(loops(`(a, idx, o) => { for (const i of prange(o.length)) o[i] = a[idx[i]]; }`, ["Float64Array", "Int32Array", "Float64Array"])[0]!.hoistedChecks).toBe(2);
    expect(loops(`(a, o) => { for (const i of prange(o.length)) o[i] = a[i * i]; }`, ["Float64Array", "Float64Array"])[0]!.hoistedChecks).toBe(2);
  });
  test("a private assigned once from a tree (`let index;` outside the loop) indexes like a const; `let x;` assigned before every read is an integer", () => {
    // nw's sweep: index = (idx + 1) * n + (i + 1 - idx), read after that write only
    const nw = `(a, n) => { let index; for (let i = 0; i < n - 2; i++) { for (const idx of prange(i + 1)) { index = (idx + 1) * n + (i + 1 - idx); a[index] = a[index - 1 - n] + a[index - 1]; } } }`;
    expect(loops(nw, ["Int32Array", "s"])[0]!.hoistedChecks).toBe(3);
    // assigned twice in the body: not a tree
    const twice = `(a, n) => { let index; for (const i of prange(n)) { index = i * 2; a[index] = 1; index = i * 2 + 1; a[index] = 2; } }`;
    expect(loops(twice, ["Float64Array", "s"])[0]!.hoistedChecks).toBe(0);
    // linpack's dgefa: k, kp1, l declared with no value, assigned before every read: integer live-ins of the prange
    const lp = `(a, lda, n) => { let k, kp1, l, nm1; nm1 = n - 1; for (k = 0; k < nm1; k++) { kp1 = k + 1; l = k; for (const j of prange(kp1, n)) { const t = a[j * lda + l]; a[j * lda + k] = t; for (let i = kp1; i < n; i++) a[j * lda + i] += t * a[k * lda + i]; } } }`;
    expect(loops(lp, ["Float64Array", "s", "s"])[0]!.hoistedChecks).toBe(4);
    // undefined may be read (when n <= 0): l stays a double, which the chunk checks to be an
    // int32 (not NaN, not -0) before it takes the hoisted path
    const maybe = `(a, n) => { let l; for (let k = 0; k < n; k++) l = k; for (const j of prange(n)) a[j + l] = 1; }`;
    expect(loops(maybe, ["Float64Array", "s"])[0]!.hoistedChecks).toBe(1);
    // fft's shape: a double index (step 2 * d, d doubling) and double live-ins
    const fft = `(a, n) => { for (let d = 1; d < n; d *= 2) { for (let o = 1; o < d; o++) { for (const b of prange(0, n - d, 2 * d)) a[b + o + d] = a[b + o] * 0.5; } } }`;
    expect(loops(fft, ["Float64Array", "s"])[0]!.hoistedChecks).toBe(2);
  });
});

describe("chunks at the top of the iteration range", () => {
  test("a two-lane chunk ending at iteration 2^31 - 1 ends (its exit test cannot wrap around)", async () => {
    const { Worker } = await import("node:worker_threads");
    const r = compile(`(n) => { let s = 0; for (const i of prange(n)) s += i * 0.5; return s; }`, ["i"]);
    const k = r.compiled!;
    expect(k.loops[0]!.lanes).toBe(2);
    // the chunk [2^31 - 11, 2^31 - 1) run directly, in a worker so that a hang fails the test
    const code = `
      const { parentPort, workerData: w } = require("node:worker_threads");
      const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
      const env = { memory, prange() {}, oob() { throw new Error("oob"); }, fmod: (a, b) => a % b, count: () => 0,
        mathScratch: new WebAssembly.Global({ value: "i32", mutable: false }, 1024) };
      const inst = new WebAssembly.Instance(new WebAssembly.Module(w.wasm), { env, math: {} });
      const dv = new DataView(memory.buffer);
      dv.setInt32(4096 + w.startOffset, 0, true);
      dv.setInt32(4096 + w.stepOffset, 1, true);
      inst.exports.loop_0(4096, 2 ** 31 - 11, 2 ** 31 - 1, 8192);
      parentPort.postMessage(dv.getFloat64(8192, true));`;
    const worker = new Worker(code, { eval: true, workerData: { wasm: k.wasm, startOffset: k.loops[0]!.startOffset, stepOffset: k.loops[0]!.stepOffset } });
    const got = await new Promise<number | string>((resolve) => {
      const timer = setTimeout(() => resolve("no answer within 10 s"), 10_000);
      worker.once("message", (v: number) => (clearTimeout(timer), resolve(v)));
      worker.once("error", (e) => (clearTimeout(timer), resolve(String(e))));
    });
    await worker.terminate();
    // lanes fold (even offsets) + (odd offsets), then the scalar loop adds nothing more
    let even = -0;
    let odd = -0;
    for (let it = 2 ** 31 - 11; it < 2 ** 31 - 1; it += 2) (even += it * 0.5), (odd += (it + 1) * 0.5);
    expect(got).toBe(even + odd);
  });
});
