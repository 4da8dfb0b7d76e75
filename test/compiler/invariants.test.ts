/**
 * Loop-invariant integer arithmetic moved in front of its loop (compiler/lower/invariants.ts):
 * what runs per trip (the emitted code's multiplications inside the innermost loops), and that
 * results stay exactly the plain function's where a value changes inside the loop, on two lanes
 * (lane 1's copy of a subexpression of the index), and where a moved value is never used.
 */
import { describe, expect, test } from "vitest";
import { parallel, prange } from "../../index.js";
import { samePlain, seq } from "./same-plain.js";
import { kmeans, matvec } from "../differential/shared-kernels.js";
import { compile, type ParamType } from "../../compiler/index.js";
import { decodeModule, opcodesInLoops, opcodesPerLoop } from "../../compiler/lower/wasm/decoder.js";

/** i32.mul, i64.mul, f64.mul */
const MULS = new Set([0x6c, 0x7e, 0xa2]);
const I32_MUL = 0x6c;

/** For loop_0 of `fn`: the deepest loop nesting, its i32.mul instructions and all its multiplications. */
function mulsInInnermost(fn: (...a: never[]) => unknown, params: ParamType[]): { depth: number; muls: number; any: number } {
  const r = compile(fn.toString(), params);
  expect(r.compiled, JSON.stringify(r.diagnostics)).not.toBeNull();
  const m = decodeModule(r.compiled!.wasm);
  const e = m.exports.get("loop_0")!;
  const ops = opcodesInLoops(m.bodies[e.index - m.importedFunctions]!);
  const depth = Math.max(...ops.map((o) => o.loops));
  const inner = ops.filter((o) => o.loops === depth);
  return { depth, muls: inner.filter((o) => o.op === I32_MUL).length, any: inner.filter((o) => MULS.has(o.op)).length };
}


/** A multiplier the inner loop changes in every trip. */
const shrinking = (A: Float64Array, o: Float64Array, n: number, w: number) => {
  for (const i of prange(n)) {
    let s = 0;
    let m = w;
    for (let j = 0; j < 4; j++) {
      s += A[i * m + j];
      m = m - 1;
    }
    o[i] = s;
  }
};

describe("what runs per trip", () => {
  test("matvec's row offset i * n is computed once per row, not per element", () => {
    expect(mulsInInnermost(matvec, ["Float64Array", "Float64Array", "Float64Array", "i"])).toMatchObject({ depth: 2, muls: 0 });
  });
  test("k-means' i * d and c * d leave the distance loop (on two lanes and on the scalar path)", () => {
    expect(mulsInInnermost(kmeans, ["Float64Array", "Float64Array", "Int32Array", "i", "i", "i"])).toMatchObject({ depth: 3, muls: 0 });
  });
  /** k-means' distance loops (depth 3) per trip: a two-lane loop runs as many trips a turn as it has lane loads (one per trip). */
  const distanceTrips = (): { lanes: boolean; trips: number; ops: number[] }[] => {
    const r = compile(kmeans.toString(), ["Float64Array", "Float64Array", "Int32Array", "i", "i", "i"]);
    const m = decodeModule(r.compiled!.wasm);
    const e = m.exports.get("loop_0")!;
    return opcodesPerLoop(m.bodies[e.index - m.importedFunctions]!)
      .filter((l) => l.depth === 3)
      .map((l) => {
        const lanes = l.ops.filter((o) => o === 0xfd57).length;
        return { lanes: lanes > 0, trips: Math.max(1, lanes), ops: l.ops };
      });
  };
  test("k-means' gathered doubles go straight into the lanes (a splatting load, a lane load), not through scalars", () => {
    const loops = distanceTrips().filter((l) => l.lanes);
    expect(loops.length).toBe(1);
    for (const l of loops) {
      const count = (op: number): number => l.ops.filter((o) => o === op).length / l.trips;
      // f64x2.replace_lane, v128.load64_lane, v128.load64_splat per trip
      expect([count(0xfd22), count(0xfd57), count(0xfd0a)]).toEqual([0, 1, 1]);
    }
  });
  test("k-means' row addresses base + (i * d << 3) are formed once per row: each trip adds j's bytes only", () => {
    const loops = distanceTrips();
    // the distance loop's three copies (two lanes, the fast scalar path, the checked path), per
    // trip: 16 i32.add and 167 instructions with the index added in each trip, 11 and 147 with row
    // addresses (the two-lane copy runs two trips a turn: vector.ts streamingBody)
    const perTrip = (f: (o: number) => boolean): number => loops.reduce((n, l) => n + l.ops.filter(f).length / l.trips, 0);
    expect(perTrip((o) => o === 0x6a)).toBeLessThanOrEqual(11);
    expect(perTrip(() => true)).toBeLessThanOrEqual(150);
  });
  test("a multiplier the loop writes stays in the loop", () => {
    // (the body multiplies nothing else: every multiplication in the loop is i * m's)
    expect(mulsInInnermost(shrinking, ["Float64Array", "Float64Array", "i", "i"]).any).toBeGreaterThan(0);
  });
});

describe("results stay the plain function's", () => {
  for (const n of [1, 2, 3, 7, 64]) {
    test(`matvec and k-means, n = ${n} (odd counts: lanes and the scalar tail)`, () => {
      samePlain(matvec, () => [seq(n * n, (i) => Math.sin(i)), seq(n, (i) => Math.cos(i)), new Float64Array(n), n]);
      samePlain(kmeans, () => [seq(n * 3, (i) => Math.abs(Math.sin(i * 7))), seq(15, (i) => Math.abs(Math.cos(i))), new Int32Array(n), n, 3, 5]);
    });
  }
  test("a subexpression of the index on two lanes: lane 1 reads its own row, reversed", () => {
    samePlain(
      (A: Float64Array, x: Float64Array, o: Float64Array, n: number, m: number) => {
        for (const i of prange(n)) {
          let s = 0;
          for (let j = 0; j < m; j++) s += A[(i + 1) * m - j - 1] * x[j];
          o[i] = s;
        }
      },
      () => [seq(37 * 9, (i) => i * 1.5 - 3), seq(9, (i) => 1 / (i + 1)), new Float64Array(37), 37, 9],
    );
  });
  test("an outer counter and the index in one offset: (i * k + c) * d + j", () => {
    samePlain(
      (p: Float64Array, cs: Float64Array, o: Float64Array, n: number, k: number, d: number) => {
        for (const i of prange(n)) {
          let acc = 0;
          for (let c = 0; c < k; c++) {
            for (let j = 0; j < d; j++) acc += p[(i * k + c) * d + j] * cs[c * d + j];
          }
          o[i] = acc;
        }
      },
      () => [seq(33 * 3 * 4, (i) => Math.sin(i)), seq(12, (i) => i - 5), new Float64Array(33), 33, 3, 4],
    );
  });
  test("a multiplier that changes inside the loop, and one changed by a nested loop", () => {
    samePlain(shrinking, () => [seq(200, (i) => i % 17), new Float64Array(20), 20, 8]);
    samePlain(
      (A: Float64Array, o: Float64Array, n: number) => {
        for (const i of prange(n)) {
          let s = 0;
          let q = 1;
          for (let c = 0; c < 3; c++) {
            for (let j = 0; j < c; j++) q++;
            s += A[q * 2 + c] * 0.5;
          }
          o[i] = s;
        }
      },
      () => [seq(200, (i) => i % 17), new Float64Array(20), 20],
    );
  });
  test("a loop of no trips: its moved offset (which would not fit int32) is never used", () => {
    samePlain(
      (o: Float64Array, p: Float64Array, n: number, m: number, big: number) => {
        for (const i of prange(n)) {
          // eslint-disable-next-line parfor/array-dependence -- big = 0 would race; the test's loop runs no trip
          for (let j = 0; j < m; j++) o[i * big + j] = 1;
          p[i] = i * 2;
        }
      },
      () => [new Float64Array(4), new Float64Array(10), 10, 0, 2 ** 30],
    );
  });
  test("double arithmetic and Math calls of values the loop does not change (-0, NaN, infinities, fmod)", () => {
    for (const [alpha, w] of [[0.5, 3], [-0, 2], [NaN, 1], [Infinity, -0], [7, -2.5]] as const) {
      samePlain(
        (a: Float64Array, o: Float64Array, n: number, m: number, alpha: number, w: number) => {
          for (const i of prange(n)) {
            let s = 0;
            for (let j = 0; j < m; j++) s += a[i * m + j] * (alpha / w) + Math.cos(w) * j - (w % alpha) + Math.hypot(alpha, w) / (j + 1);
            o[i] = s;
          }
        },
        () => [seq(9 * 13, (i) => Math.sin(i)), new Float64Array(9), 9, 13, alpha, w],
      );
    }
  });
  test("inner-loop lanes read a moved double splatted, and Math.random is called in every trip", () => {
    samePlain(
      (o: Float64Array, n: number, m: number, w: number) => {
        for (const i of prange(n)) {
          for (let j = 0; j < m; j++) o[i * m + j] = Math.exp(j / (w * 2)) * (w / 3) + i;
        }
      },
      () => [new Float64Array(7 * 19), 7, 19, 1.75],
    );
    const k = parallel((o: Float64Array, n: number, m: number) => {
      for (const i of prange(n)) {
        for (let j = 0; j < m; j++) o[i * m + j] = Math.random() * 2;
      }
    }, { warnings: false });
    const o = new Float64Array(4 * 50);
    k(o, 4, 50);
    expect(new Set(Array.from(o)).size).toBeGreaterThan(150);
  });
  test("serial code in the kernel body: a row offset moved out of a plain loop", () => {
    samePlain(
      (A: Float64Array, r: number, n: number) => {
        let s = 0;
        for (let j = 0; j < n; j++) s += A[r * n + j] * (j + 1);
        for (const i of prange(n)) A[r * n + i] += s;
        return s;
      },
      () => [seq(36, (i) => i / 3), 4, 6],
    );
  });
});
