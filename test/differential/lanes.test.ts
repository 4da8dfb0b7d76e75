/**
 * Bodies that run two iterations per step (compiler/lower/vector.ts): if/else turned into lane
 * masks, integer remainders and comparisons on the lanes, conditional expressions, reductions
 * updated under a condition, and Math functions called per lane or inlined from the math
 * library's two-lane versions. Each kernel is first checked to take the two-lane path, then
 * compared with the plain function like every differential test.
 */
import { describe, expect, it } from "vitest";
import { compile, type ParamType } from "../../compiler/index.js";
import { prange } from "../../index.js";
import { checkThrowsRange, type CheckOptions, diff, type Kernel, type MakeInputs, type Rng } from "./harness.js";
import { parallel } from "../../index.js";
import { kmeans } from "./shared-kernels.js";

const F = "Float64Array" as const;

/** Inputs where exp (and its neighbours) leave the common range: every path of exp_f64x2. */
const EXP_EDGES = [
  0, -0, 1, -1, NaN, Infinity, -Infinity, 2 ** -28, -(2 ** -28), 2 ** -29, 3.7252902984619136e-9, 5e-324,
  0.34657359027997264, 0.3465735902799727, 0.3465735912322998, 0.34657359123229974, 1.0397207708399179,
  1.0397207708399181, 1.0397207689285278, 1.03972077, 703.9999999999999, 704, 704.0000000000001, 709.782712893384,
  709.7827128933841, 709.79, 710, -704, -708.4, -709.09, -744.44, -745.1332191019411, -745.1332191019412, -746,
  0.5, -0.5, 2.718281828459045, 1e-300, 88.7, -88.7,
];

const mixedPair = (rng: Rng) => {
  const n = rng.int(1, 300);
  return [rng.mixed(n), rng.mixed(n), rng.f64(n, -5, 5)];
};
const expInputs = (rng: Rng) => {
  const n = rng.int(50, 600);
  const a = rng.from(n, EXP_EDGES);
  for (let i = EXP_EDGES.length; i < n; i++) if (rng.int(0, 2) === 0) a[i] = rng.float(-750, 712);
  return [a, new Float64Array(n)];
};
const oneOut = (rng: Rng) => [rng.f64(rng.int(1, 500), -3, 3)];

type Row = readonly [string, Kernel, MakeInputs, readonly ParamType[], CheckOptions?];

function lanes(rows: readonly Row[]): void {
  for (const [name, fn, make, params, opts] of rows) {
    it(`${name}: runs two lanes`, () => {
      const r = compile(fn.toString(), params);
      expect(r.compiled, r.diagnostics.map((d) => d.message).join("\n")).not.toBeNull();
      expect(r.compiled!.loops.map((l) => l.lanes)).toEqual(r.compiled!.loops.map(() => 2));
    });
    diff(name, fn, make, opts);
    // static chunks of short loops hold one or two iterations (too few for a two-lane step):
    // chunks of 15 run two steps per turn, one more step, and one scalar iteration
    diff(`${name} (dynamic chunks of 15)`, fn, make, { ...opts, parallelOptions: { schedule: "dynamic", chunkSize: 15 } });
  }
}

describe("if/else as lane masks", () => {
  lanes([
    ["if/else stores (NaN compares false)", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { if (a[i] > b[i]) o[i] = a[i]; else o[i] = -b[i] * 2; } }, mixedPair, [F, F, F]],
    ["if without else leaves the other lanes' elements", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { if (a[i] < 0) o[i] = a[i] * b[i]; } }, mixedPair, [F, F, F]],
    ["nested if / else if", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { if (a[i] > 0) { if (b[i] > 0) o[i] = 1; else o[i] = 2; } else if (a[i] < 0) o[i] = 3; else o[i] = a[i] + 4; } }, mixedPair, [F, F, F]],
    ["a local assigned under conditions", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { let y = a[i]; if (y < 0) y = -y * 0.5; if (y > 1e10) y = 1e10; else if (b[i] !== b[i]) y = b[i]; o[i] = y; } }, mixedPair, [F, F, F]],
    ["declarations inside branches", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { if (a[i] > 0) { const t = Math.log(a[i]); o[i] = t * t; } else { const t = a[i] * 3; o[i] = t - b[i]; } } }, mixedPair, [F, F, F]],
    ["&&, || and ! on lane masks", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { if ((a[i] > -1 && a[i] < 1) || !(b[i] >= 0)) o[i] = a[i] + b[i]; else o[i] = 0; } }, mixedPair, [F, F, F]],
    ["=== 0 is true for -0: 1 / a gives -Infinity there", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { if (a[i] === 0) o[i] = 1 / a[i]; else if (a[i] !== a[i]) o[i] = -1; } }, mixedPair, [F, F, F]],
    ["conditional expressions, with calls on both sides", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] < b[i] ? Math.sin(a[i]) : b[i] >= 0 ? Math.cos(b[i]) : Math.exp(b[i]); }, mixedPair, [F, F, F]],
    ["a store read back under a condition", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { o[i] = a[i] * 2; if (o[i] > 1) o[i] = o[i] - b[i]; } }, mixedPair, [F, F, F]],
    ["true and false literals", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { if (true) o[i] = a[i]; if (false) o[i] = b[i]; } }, mixedPair, [F, F, F]],
  ]);
});

describe("the index on the lanes", () => {
  lanes([
    ["i % 2, i % 3 and (3i + 1) % 4", (o: Float64Array) => { for (const i of prange(o.length)) { if (i % 2 === 1) o[i] = i % 3; else o[i] = ((3 * i + 1) % 4) - 0.5; } }, oneOut, [F]],
    ["i % (k + 1) for a parameter k >= 0", (o: Float64Array, k: number) => { for (const i of prange(o.length)) o[i] = i % (k + 1) === 0 ? i / (k + 1) : o[i]; }, (rng) => [rng.f64(rng.int(1, 500)), rng.int(0, 9)], [F, "s"]],
    ["comparisons of the index with a bound", (o: Float64Array) => { const m = o.length >> 1; for (const i of prange(o.length)) { if (i < m) o[i] = i; else if (i === m) o[i] = -0; else o[i] = -i; } }, oneOut, [F]],
  ]);
});

describe("reductions under conditions", () => {
  lanes([
    ["+= and -= of the same sum in the two branches", (a: Float64Array, b: Float64Array) => { let s = 0; for (const i of prange(a.length)) { if (a[i] > b[i]) s += a[i]; else s -= b[i] * 0.5; } return s; }, (rng) => { const n = rng.int(1, 300); return [rng.f64(n, -9, 9), rng.f64(n, -9, 9)]; }, [F, F], { floatReduction: true }],
    ["Simpson's weights: one exp, chosen weight", (lo: number, h: number, n: number) => { let s = 0; for (const i of prange(1, n)) { const x = lo + i * h; if (i % 2 === 1) s += 4 * Math.exp(x); else s += 2 * Math.exp(x); } return s; }, (rng) => [rng.float(-800, 800), rng.float(0, 5), rng.int(2, 3000)], ["f", "f", "i"], { floatReduction: true }],
    ["min and max in different branches (exact)", (a: Float64Array, b: Float64Array) => { let hi = -Infinity; let lo = Infinity; for (const i of prange(a.length)) { if (a[i] > b[i]) hi = Math.max(hi, a[i]); else lo = Math.min(lo, b[i]); } return hi * 1e6 + lo; }, (rng) => { const n = rng.int(1, 300); return [rng.ints(n), rng.ints(n)]; }, [F, F]],
    ["*= under a condition", (a: Float64Array) => { let p = 1; for (const i of prange(a.length)) { if (a[i] > 0.5) p *= a[i]; } return p; }, (rng) => [rng.f64(rng.int(1, 300), 0, 1.6)], [F], { floatReduction: true }],
    ["a sum updated in one branch only, another in both", (a: Float64Array, b: Float64Array) => { let s = 0; let t = 0; for (const i of prange(a.length)) { if (a[i] < 0) { s += a[i]; t += 1; } else t += 2; } return s * 1000 + t; }, (rng) => { const n = rng.int(1, 300); return [rng.ints(n, -50, 50), rng.ints(n)]; }, [F, F]],
  ]);
});

describe("Math inside two-lane loops", () => {
  lanes([
    ["Math.exp at every edge of its two-lane version", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.exp(a[i]); }, expInputs, [F, F], { cases: 6 }],
    ["Math.exp of neighbours: lanes on both sides of each edge", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.exp(a[i]) - Math.exp(-a[i]); }, expInputs, [F, F], { cases: 4 }],
    ["a call after its argument changes is computed again", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { let x = a[i]; const e1 = Math.exp(x); x = x + 1; const e2 = Math.exp(x); o[i] = e1 - e2 + Math.exp(a[i]); } }, expInputs, [F, F]],
    ["per-lane calls of functions without a two-lane version", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = Math.atan2(a[i], 2) + Math.round(a[i]) + Math.log1p(Math.abs(a[i])); }, expInputs, [F, F]],
  ]);
});

/** n points of d coordinates and k centroids, with exact ties (integer coordinates) and NaN. */
const points = (rng: Rng) => {
  const n = rng.int(1, 200);
  const d = rng.int(1, 5);
  const k = rng.int(0, 6);
  const p = rng.int(0, 1) ? rng.ints(n * d, -4, 4) : rng.mixed(n * d);
  return [p, rng.ints(k * d, -4, 4), new Int32Array(n), n, d, k];
};
const rows = (rng: Rng) => {
  const n = rng.int(1, 150);
  const k = rng.int(0, 7);
  return [rng.mixed(n * k), rng.f64(k, -2, 2), new Float64Array(n), n, k];
};

describe("inner loops and gathers on the lanes", () => {
  lanes([
    ["k-means assignment: nested uniform loops, a gather per lane and a splatted one, argmin by if", kmeans as Kernel,
      points, [F, F, "Int32Array", "s", "s", "s"], { floatReduction: true }],
    ["row sums in the serial order of each row (bit-exact), empty rows included", (a: Float64Array, x: Float64Array, y: Float64Array, n: number, k: number) => {
      for (const i of prange(n)) {
        let s = 0;
        for (let j = 0; j < k; j++) s += a[i * k + j] * x[j];
        y[i] = s;
      }
    }, rows, [F, F, F, "s", "s"]],
    ["descending and stepped counters, compound assignments, a branch inside the inner loop", (a: Float64Array, x: Float64Array, y: Float64Array, n: number, k: number) => {
      for (const i of prange(n)) {
        let m = -Infinity;
        let q = 1;
        for (let j = k - 1; j >= 0; j -= 2) {
          const v = a[i * k + j];
          const xj = x[j];
          if (v > m) m = v;
          else q *= 1 + xj * 1e-3;
          q /= 1.0001;
          q -= v * 1e-9;
        }
        y[i] = m + q;
      }
    }, rows, [F, F, F, "s", "s"]],
    ["a call in an inner loop is computed again on every trip", (a: Float64Array, x: Float64Array, y: Float64Array, n: number, k: number) => {
      for (const i of prange(n)) {
        let s = 0;
        const e = Math.exp(0.5 + n * 1e-3);
        for (let j = 0; j < 3; j++) s += Math.exp(0.25 * j + e) - Math.exp(0.5 + e);
        y[i] = s + Math.exp(0.5 + e);
      }
    }, rows, [F, F, F, "s", "s"]],
    ["a call before, inside and after an inner loop whose argument the loop changes, or which may not run", (a: Float64Array, x: Float64Array, y: Float64Array, n: number, k: number) => {
      for (const i of prange(n)) {
        let q = 0.5 + i * 1e-3;
        let s = Math.exp(q);
        for (let j = 0; j < k; j++) {
          s += Math.exp(q) + Math.exp(1.5 + i * 1e-2);
          q = q + 0.25;
        }
        y[i] = s + Math.exp(q) * 1e-3 + Math.exp(1.5 + i * 1e-2);
      }
    }, rows, [F, F, F, "s", "s"]],
    ["y[i] += a[i * k + j] * x[j] and the other compound element updates at the index", (a: Float64Array, x: Float64Array, y: Float64Array, n: number, k: number) => {
      for (const i of prange(n)) {
        for (let j = 0; j < k; j++) {
          y[i] += a[i * k + j] * x[j];
          if (a[i * k + j] > 0) y[i] *= 1.0001;
          else y[i] -= 1e-3;
        }
        y[i] /= 3;
      }
    }, rows, [F, F, F, "s", "s"]],
    ["f[i] += ... on a Float32Array (each sum rounded to float as the plain store rounds it)", (a: Float64Array, x: Float64Array, f: Float32Array, n: number, k: number) => {
      for (const i of prange(n)) {
        for (let j = 0; j < k; j++) f[i] += a[i * k + j] * x[j] + 0.1;
      }
    }, (rng) => { const n = rng.int(1, 150); const k = rng.int(0, 7); return [rng.f64(n * k, -3, 3), rng.f64(k, -2, 2), Float32Array.from(rng.f64(n, -1, 1)), n, k]; }, [F, F, "Float32Array", "s", "s"]],
    ["a reduction updated inside the inner loop", (a: Float64Array, x: Float64Array, y: Float64Array, n: number, k: number) => {
      let t = 0;
      for (const i of prange(n)) {
        for (let j = 0; j < k; j++) t += a[i * k + j] * 0.5;
        y[i] = i;
      }
      return t;
    }, rows, [F, F, F, "s", "s"], { floatReduction: true }],
  ]);

  lanes([
    ["matrix product: a store per lane at c[i * n + j] inside the inner loop", (a: Float64Array, b: Float64Array, c: Float64Array, n: number) => {
      for (const i of prange(n)) {
        for (let j = 0; j < n; j++) {
          let acc = 0;
          for (let k = 0; k < n; k++) acc += a[i * n + k] * b[k * n + j];
          c[i * n + j] = acc;
        }
      }
    }, (rng) => { const n = rng.int(0, 13); return [rng.mixed(n * n), rng.mixed(n * n), new Float64Array(n * n), n]; }, [F, F, F, "s"]],
    ["stores per lane under a lane mask, to Float32Array and Int32Array rows (enough arithmetic to pay for them)", (a: Float64Array, f: Float32Array, t: Int32Array, n: number, k: number) => {
      for (const i of prange(n)) {
        for (let j = 0; j < k; j++) {
          const v = a[i * k + j];
          if (v > 0) f[i * k + j] = Math.exp(v) + Math.exp(-v) + v * v * v;
          else t[k * i + j] = j - i + 1;
        }
      }
    }, (rng) => { const n = rng.int(1, 60); const k = rng.int(0, 5); return [rng.mixed(n * k), new Float32Array(n * k), new Int32Array(n * k), n, k]; }, [F, "Float32Array", "Int32Array", "s", "s"]],
  ]);

  lanes([
    ["reads at i + k * n (one two-lane load each) from a Float64Array and a Float32Array", (a: Float64Array, f: Float32Array, o: Float64Array, n: number) => {
      for (const i of prange(n)) o[i] = a[i + n] / (1 + a[i + 2 * n]) + f[i + n * 3] - f[2 * n + i + 1];
    }, (rng) => { const n = rng.int(1, 120); return [rng.mixed(3 * n), Float32Array.from(rng.f64(4 * n + 1, -9, 9)), new Float64Array(n), n]; }, [F, "Float32Array", F, "s"]],
  ]);

  it("a store at a computed index in a loop with a race warning stays one lane", () => {
    const src = `(o, n) => { for (const i of prange(n)) { for (let j = 0; j < 2; j++) o[i + j] = i; } }`;
    expect(compile(src, [F, "s"]).compiled!.loops[0]!.lanes).toBe(1);
  });

  it("a gathered array that is also the written one (the same buffer) gives the plain results", async () => {
    const warned: string[] = [];
    const onWarning = (w: Error): void => void warned.push(w.message);
    process.on("warning", onWarning);
    const f = (src: Float64Array, dst: Float64Array, n: number, k: number) => {
      for (const i of prange(n)) {
        let s = 0;
        for (let j = 0; j < k; j++) s += src[i * k + j];
        dst[i] = s;
      }
    };
    for (const T of [1, 2]) {
      const k = parallel(f, { threads: T });
      for (const kk of [1, 2, 3]) {
        const ref = Float64Array.from({ length: 200 }, (_, i) => (i % 7) - 3);
        const got = Float64Array.from(ref);
        f(ref, ref, 200 / (kk + 1) | 0, kk);
        k(got, got, 200 / (kk + 1) | 0, kk);
        expect(Array.from(got)).toEqual(Array.from(ref));
      }
    }
    // the call says why it ran on one thread (delivered on a later tick: caught here, not by a later test)
    await new Promise((r) => setImmediate(r));
    process.off("warning", onWarning);
    expect(warned.some((m) => m.includes("share memory"))).toBe(true);
  });

  it("a gather past the end of its array is the scalar path's RangeError", () => {
    const f = (a: Float64Array, o: Float64Array, k: number) => {
      for (const i of prange(o.length)) {
        let s = 0;
        for (let j = 0; j < k; j++) s += Math.exp(a[i * k + j] * 1e-3);
        o[i] = s;
      }
    };
    expect(compile(f.toString(), [F, F, "s"]).compiled!.loops[0]!.lanes).toBe(2);
    // o has 20 elements, k = 3: a needs 60; with 59 the last row's last read is a[59]
    checkThrowsRange(f as Kernel, () => [new Float64Array(59), new Float64Array(20), 3], { array: "a", index: 59, length: 59 });
  });
});

/**
 * Found by review: both sides of a per-lane branch run on both lanes, so nothing there may read
 * memory the chunk plan proved only under the branch's condition, step a counter, or loop.
 */
describe("code under a condition on the lanes", () => {
  const cases: readonly [string, (...a: never[]) => void, () => unknown[]][] = [
    ["a gather proven only under `if (i < 1)` (a[i * m] with m = 2^27 past the end for i > 0)", ((a: Float64Array, o: Float64Array, m: number) => { for (const i of prange(o.length)) { if (i < 1) o[i] = ((a[i * m] * 2 + 1) * 3 - 4) / 5; } }) as never, () => [Float64Array.of(1.5), new Float64Array(64), 2 ** 27]],
    ["the same under `?:`", ((a: Float64Array, o: Float64Array, m: number) => { for (const i of prange(o.length)) o[i] = i < 1 ? ((a[i * m] * 2 + 1) * 3 - 4) / 5 : 0; }) as never, () => [Float64Array.of(1.5), new Float64Array(64), 2 ** 27]],
    ["the same as the right operand of `&&`", ((a: Float64Array, o: Float64Array, m: number) => { for (const i of prange(o.length)) { if (i < 1 && a[i * m] > 0) o[i] = ((o[i] * 2 + 1) * 3 - 4) / 5; } }) as never, () => [Float64Array.of(1.5), new Float64Array(64), 2 ** 27]],
    ["a uniform guard in an inner loop (j < 1) over a far gather", ((u: Float64Array, o: Float64Array, n: number, m: number) => { for (const i of prange(n)) { let s = 0; for (let j = 0; j < 4; j++) { if (j < 1) s += u[i * n + j * m] * 0.5; } o[i] = s; } }) as never, () => [Float64Array.from({ length: 1000 * 1000 }, (_, x) => x % 7), new Float64Array(1000), 1000, 2 ** 27]],
    ["a nested loop's control stepping the outer counter under a per-lane `if`", ((a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) { let s = 0; for (let j = 0; j < 6; j++) { if (a[i] > 0) { for (let k = 0; j < 3; j++) { s = s + 1; } } s = s + j * 1.5; } o[i] = s; } }) as never, () => [Float64Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 3) - 1), new Float64Array(1000)]],
    ["an inner loop under a per-lane `if` that no lane enters (its step 0 would loop forever)", ((a: Float64Array, o: Float64Array, st: number) => { for (const i of prange(o.length)) { let s = a[i]; if (a[i] > 0) { for (let j = 0; j < 10; j += st) { s = s * 0.5 + 1; } } o[i] = s; } }) as never, () => [new Float64Array(1000).fill(-1), new Float64Array(1000), 0]],
  ];
  for (const [name, fn, make] of cases) {
    it(name, () => {
      for (const T of [1, 2]) {
        const k = parallel(fn as never, { threads: T, warnings: false }) as unknown as (...a: unknown[]) => void;
        const want = make();
        const got = make();
        (fn as unknown as (...a: unknown[]) => void)(...want);
        k(...got);
        want.forEach((w, x) => { if (ArrayBuffer.isView(w)) expect(Array.from(got[x] as Float64Array)).toEqual(Array.from(w as Float64Array)); });
      }
    });
  }
});

/**
 * Code ported from C declares its scalars at the top (privatised per iteration) and updates
 * elements at computed indices (`C[k*n + j] += ...`); in a loop the race analysis proves free of
 * conflicts (no two iterations touch an element one of them writes) both lanes may read and
 * update such elements, the written arrays included, in any interleaving.
 */
describe("outer declarations and element updates away from the index, in race-free loops", () => {
  const square = (rng: Rng) => {
    const [m, n] = [rng.int(0, 12), rng.int(1, 30)];
    return [rng.mixed(m * n), rng.mixed(m * m), rng.mixed(m * n), m, n];
  };
  lanes([
    ["a scalar declared before the loop, written before it is read in each iteration", (a: Float64Array, o: Float64Array) => {
      let t;
      for (const i of prange(o.length)) {
        t = a[i] * 2;
        if (t > 1) t = 1 - t * 0.5;
        o[i] = t;
      }
    }, (rng) => { const n = rng.int(1, 300); return [rng.mixed(n), new Float64Array(n)]; }, [F, F]],
    ["symm (PolyBench): C[k*n + j] += ... per row, a private sum, C read where this iteration writes it", (C: Float64Array, A: Float64Array, B: Float64Array, m: number, n: number) => {
      let temp2;
      for (let i = 0; i < m; i++) {
        for (const j of prange(n)) {
          temp2 = 0;
          for (let k = 0; k < i; k++) {
            C[k * n + j] += 1.5 * B[i * n + j] * A[i * m + k];
            temp2 += B[k * n + j] * A[i * m + k];
          }
          C[i * n + j] = 1.2 * C[i * n + j] + 1.5 * B[i * n + j] * A[i * m + i] + 1.5 * temp2;
        }
      }
    }, square, [F, F, F, "s", "s"]],
    ["trmm (PolyBench): B[i*n + j] += A[k*m + i] * B[k*n + j] reads the array it updates", (B: Float64Array, A: Float64Array, X: Float64Array, m: number, n: number) => {
      for (let i = 0; i < m; i++) {
        for (const j of prange(n)) {
          for (let k = i + 1; k < m; k++) B[i * n + j] += A[k * m + i] * B[k * n + j] + X[i * n + j] * 1e-3;
          B[i * n + j] = 1.5 * B[i * n + j];
        }
      }
    }, square, [F, F, F, "s", "s"]],
    ["updates under a lane mask at neighbouring and at strided elements, -= *= /=", (C: Float64Array, D: Float64Array, A: Float64Array, n: number, k: number) => {
      for (const j of prange(n)) {
        for (let r = 0; r < k; r++) {
          const v = A[r * n + j];
          if (v > 0) C[r * n + j] -= v * 0.5;
          else D[j * k + r] *= 1 + (v * v * (v - 1) * (v + 2)) / (v * v + 3);
          C[r * n + j] /= 1.0001;
        }
      }
    }, (rng) => { const n = rng.int(1, 40); const k = rng.int(0, 6); return [rng.mixed(n * k), rng.mixed(n * k), rng.mixed(n * k), n, k]; }, [F, F, F, "s", "s"]],
    ["Float32Array elements updated per lane (each sum rounded to float as the plain store rounds it)", (f: Float32Array, A: Float64Array, n: number, k: number) => {
      for (const j of prange(n)) {
        for (let r = 0; r < k; r++) f[2 * j + 1] += (A[r * n + j] * 0.5 + 1) * (A[r * n + j] - 2) / 3 + 0.1;
      }
    }, (rng) => { const n = rng.int(1, 40); const k = rng.int(0, 6); return [Float32Array.from(rng.f64(2 * n + 1, -1, 1)), rng.f64(n * k, -2, 2), n, k]; }, ["Float32Array", F, "s", "s"]],
  ]);

  // found by review: a masked lane's element was read and written back (v128 at lane 0's address)
  it("an update at a neighbouring element under a mask touches no element past the proven ones (o[j + 1] += v where j < m, n = 2^22)", () => {
    const f = (o: Float64Array, n: number, m: number) => {
      for (const j of prange(n)) {
        if (j < m) o[j + 1] += 2.5;
      }
    };
    expect(compile(f.toString(), [F, "s", "s"]).compiled!.loops[0]!.lanes).toBe(2);
    for (const T of [1, 2]) {
      const want = new Float64Array(11);
      f(want, 1 << 22, 10);
      const got = new Float64Array(11);
      (parallel(f, { threads: T }) as unknown as typeof f)(got, 1 << 22, 10);
      expect(Array.from(got)).toEqual(Array.from(want));
    }
  });
  diff("stores at the index under a mask when the array is also stored elsewhere under other conditions", (o: Float64Array, n: number, r: number) => {
    for (const j of prange(n)) {
      for (let k = 0; k < r; k++) {
        if (j < 1) o[j + 2] += 1;
        if (j > 6) o[j - 4] += 1;
        if (j < 1) o[j] = o[j] * 0.5 + k;
      }
    }
  }, (rng) => [rng.f64(12), 12, rng.int(1, 50)], { cases: 4, parallelOptions: { schedule: "static" } });
  it("a loop with a race warning keeps such updates and reads on one lane", () => {
    // every iteration j writes o[r * n] (the same elements): the analysis warns, and the loop stays scalar
    const src = `(o, a, n, k) => { for (const j of prange(n)) { for (let r = 0; r < k; r++) o[r * n] = a[r * n + j] + o[j * k + r]; } }`;
    const r = compile(src, [F, F, "s", "s"]);
    expect(r.diagnostics.some((d) => d.code.startsWith("PF2"))).toBe(true);
    expect(r.compiled!.loops[0]!.lanes).toBe(1);
    const src2 = `(o, n, k) => { for (const j of prange(n)) { for (let r = 0; r < k; r++) o[r * n + j] = o[r * n + j + 1] * 0.5; } }`;
    expect(compile(src2, [F, "s", "s"]).compiled!.loops[0]!.lanes).toBe(1);
  });
});

/** `%` of doubles on the lanes: the exact integer formula when both lanes' operands are integers, else each lane as the scalar code. */
describe("remainders of doubles on the lanes", () => {
  const EDGES = [0, -0, 1, -1, 2.5, -2.5, 7, -7, 0.1, 1e300, -1e300, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), Infinity, -Infinity, NaN, 5e-324, 3, 64, 63.5];
  const pairs = (rng: Rng) => {
    const n = rng.int(1, 300);
    const mode = rng.int(0, 2);
    const pick = (): number => (mode === 0 ? rng.int(-50, 50) : mode === 1 ? rng.from(1, EDGES)[0]! : rng.float(-100, 100));
    const a = Float64Array.from({ length: n }, pick);
    const b = Float64Array.from({ length: n }, pick);
    return [a, b, new Float64Array(n)];
  };
  lanes([
    ["a % b of integers, fractions, signed zeros, NaN, infinities and huge values", (a: Float64Array, b: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) o[i] = (a[i] % b[i]) * 2 + 1;
    }, pairs, [F, F, F]],
    ["NPB FT's wrap-around index ((i + n / 2) % n) - n / 2, in an exp", (a: Float64Array, b: Float64Array, o: Float64Array) => {
      const n = o.length;
      for (const i of prange(n)) {
        const ii = ((i + n / 2) % n) - n / 2;
        o[i] = Math.exp(-1e-4 * ii * ii) + (a[i] % 3.5);
      }
    }, pairs, [F, F, F]],
  ]);
});
