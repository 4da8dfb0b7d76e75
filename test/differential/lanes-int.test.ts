/**
 * Two-lane bodies with integer operations on the index (compiler/lower/vector.ts): &, |, ^ and
 * shifts by constants on int32 lanes, and typed-array elements other than Float64Array at the
 * index. Each kernel is checked to take the two-lane path, then compared with the plain function.
 */
import { describe, expect, it } from "vitest";
import { compile, type ParamType } from "../../compiler/index.js";
import { prange } from "../../index.js";
import { type CheckOptions, checkThrowsRange, diff, type Kernel, type MakeInputs, type Rng } from "./harness.js";

const F = "Float64Array" as const;

type Row = readonly [string, Kernel, MakeInputs, readonly ParamType[], CheckOptions?];

function lanes(rows: readonly Row[]): void {
  for (const [name, fn, make, params, opts] of rows) {
    it(`${name}: runs two lanes`, () => {
      const r = compile(fn.toString(), params);
      expect(r.compiled, r.diagnostics.map((d) => d.message).join("\n")).not.toBeNull();
      expect(r.compiled!.loops.map((l) => l.lanes)).toEqual(r.compiled!.loops.map(() => 2));
    });
    diff(name, fn, make, opts);
    diff(`${name} (dynamic chunks of 15)`, fn, make, { ...opts, parallelOptions: { schedule: "dynamic", chunkSize: 15 } });
  }
}

const oneOut = (rng: Rng) => [new Float64Array(rng.int(1, 700)), rng.int(-(2 ** 31), 2 ** 31 - 1)];

describe("bitwise operations on the index", () => {
  lanes([
    ["Simpson's weights (2 + 2*(i&1)) * Math.exp(a + i*h)", (a: number, b: number, n: number) => {
      const h = (b - a) / n;
      let s = Math.exp(a) + Math.exp(b);
      for (const i of prange(1, n)) s += (2 + 2 * (i & 1)) * Math.exp(a + i * h);
      return (s * h) / 3;
    }, (rng) => [rng.float(-5, 5), rng.float(-5, 5), rng.int(2, 3000)], ["f", "f", "i"], { floatReduction: true }],
    ["&, |, ^ with a parameter k (negative too), >>, >>> of negatives", (o: Float64Array, k: number) => {
      for (const i of prange(o.length)) o[i] = (i & 3) + (i | 5) * 0.5 + (i ^ k) - ((i - 300) >> 2) + ((i - 300) >>> 1) + ((i - 300) >>> 0) + (k >>> 28);
    }, oneOut, [F, "i"]],
    ["shifts that wrap: i << 28, i << 33 (count masked), k << 31", (o: Float64Array, k: number) => {
      for (const i of prange(o.length)) o[i] = (i << 28) + (i << 33) * 3 + (k << 31) + ((0 - i) >> 40);
    }, oneOut, [F, "i"]],
    ["bitwise results in conditions and remainders", (o: Float64Array, k: number) => {
      for (const i of prange(o.length)) {
        if ((i & 1) === 0) o[i] = ((i ^ k) & 1023) % 7;
        else o[i] = (i | 0) === (i >> 0) ? -0 : 1;
      }
    }, oneOut, [F, "i"]],
  ]);
});

const f32 = (rng: Rng, n: number) => Float32Array.from(rng.mixed(n));
const u32 = (rng: Rng, n: number) => Uint32Array.from({ length: n }, () => rng.u32());
const typed = (rng: Rng) => {
  const n = rng.int(1, 500);
  return [f32(rng, n), rng.i32(n, -(2 ** 31), 2 ** 31 - 1), u32(rng, n), new Float32Array(n), new Int32Array(n), new Uint32Array(n)];
};
const T = ["Float32Array", "Int32Array", "Uint32Array", "Float32Array", "Int32Array", "Uint32Array"] as const;

describe("Float32Array, Int32Array and Uint32Array elements at the index", () => {
  lanes([
    ["loads widened to doubles, stores rounded to f32 and exact int32", (a: Float32Array, b: Int32Array, c: Uint32Array, x: Float32Array, y: Int32Array, z: Uint32Array) => {
      for (const i of prange(a.length)) {
        x[i] = a[i] * 1.1 + b[i] - c[i] * 1e-3;
        y[i] = b[i] & 0xffff;
        z[i] = (b[i] ^ i) | 0;
      }
    }, typed, T],
    ["stores under conditions keep the other lane's element", (a: Float32Array, b: Int32Array, c: Uint32Array, x: Float32Array, y: Int32Array, z: Uint32Array) => {
      for (const i of prange(a.length)) {
        if (a[i] > 0) x[i] = a[i] / 3;
        else y[i] = b[i] >> 3;
        if (c[i] > 2147483648) z[i] = i;
      }
    }, typed, T],
    ["a sum over Float32 and Int32 elements", (a: Float32Array, b: Int32Array, c: Uint32Array) => {
      let s = 0;
      for (const i of prange(a.length)) if (a[i] === a[i]) s += Math.abs(a[i]) < 1e30 ? a[i] + b[i] * 0.5 + c[i] : 0;
      return s;
    }, (rng) => typed(rng).slice(0, 3), T.slice(0, 3), { floatReduction: true, scale: 1e10 }],
  ]);
});

const nb = (rng: Rng) => {
  const n = rng.int(1, 600);
  return [rng.mixed(n), rng.f64(n, -3, 3), new Float64Array(n)];
};

describe("elements next to the index (a[i - 1], a[i + 2]) of arrays the body does not write", () => {
  lanes([
    ["a 1-D three-point stencil", (a: Float64Array, b: Float64Array, o: Float64Array) => {
      for (const i of prange(1, o.length - 1)) o[i] = (a[i - 1] + a[i] + a[i + 1]) / 3 - b[i + 1] * b[-1 + i];
    }, nb, [F, F, F]],
    ["calls on neighbours are not confused (exp(b[i]) and exp(b[i + 1]))", (a: Float64Array, b: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length - 2)) o[i] = Math.exp(b[i]) - Math.exp(b[i + 1]) + Math.exp(b[i + 2]) * Math.exp(b[i + 1]);
    }, nb, [F, F, F]],
    ["neighbours under a condition, Float32 and Int32 neighbours", (a: Float32Array, b: Int32Array, c: Uint32Array, x: Float32Array) => {
      for (const i of prange(2, a.length)) {
        if (a[i - 1] > a[i - 2]) x[i] = a[i - 1] - b[i - 2] * 0.5;
        else x[i] = c[i - 1];
      }
    }, (rng) => typed(rng).slice(0, 4), T.slice(0, 4)],
  ]);
  it("a[i + 1] one past the end still throws (the two-lane test fails, the checked loop reports it)", () => {
    checkThrowsRange((a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] + a[i + 1]; },
      () => [new Float64Array(40), new Float64Array(40)], { array: "a", index: 40 });
  });
  it("a written array read next to the index stays scalar", () => {
    const r = compile(`(a, o) => { for (const i of prange(o.length - 1)) { o[i] = a[i + 1]; a[i] = 0; } }`, [F, F]);
    expect(r.compiled!.loops[0]!.lanes).toBe(1);
  });
});

describe("Math.round on the lanes", () => {
  const edges = (rng: Rng) => {
    const n = rng.int(1, 500);
    const a = rng.mixed(n);
    for (let i = 0; i < n; i++) if (rng.int(0, 2) === 0) a[i] = rng.int(-40, 40) / 2 + rng.pick([0, 0, 1e-9, -1e-9, 0.49999999999999994 - 0.5]);
    return [a, new Float64Array(n)];
  };
  lanes([
    ["Math.round through 1 / r (so -0 shows), halves, NaN, infinities, huge values", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) o[i] = 1 / Math.round(a[i]) + Math.round(a[i] * 0.5) * 3;
    }, edges, [F, F]],
    ["Math.round(x) compared and under a condition", (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length)) { if (Math.round(a[i]) === a[i]) o[i] = -Math.round(-a[i]); else o[i] = Math.round(a[i] - 0.5); }
    }, edges, [F, F]],
  ]);
});

describe("1- and 2-byte elements read at the index", () => {
  const bytes = (rng: Rng) => {
    const n = rng.int(1, 500);
    const r = (C: { new (n: number): Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array }) => {
      const a = new C(n);
      for (let i = 0; i < n; i++) a[i] = rng.int(-40000, 70000);
      return a;
    };
    return [r(Int8Array), r(Uint8Array), r(Uint8ClampedArray), r(Int16Array), r(Uint16Array), new Float64Array(n), new Float32Array(n)];
  };
  lanes([
    ["Int8, Uint8, Uint8Clamped, Int16 and Uint16 loads into Float64 and Float32 stores", (a: Int8Array, b: Uint8Array, c: Uint8ClampedArray, d: Int16Array, e: Uint16Array, o: Float64Array, f: Float32Array) => {
      for (const i of prange(o.length)) {
        o[i] = a[i] * 1000 + b[i] - c[i] * 0.5 + (d[i] ^ e[i]);
        if (d[i] < 0) f[i] = e[i] / 7;
      }
    }, bytes, ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", F, "Float32Array"]],
    ["neighbours of a byte image: (b[i - 1] + 2 b[i] + b[i + 1]) / 4", (a: Int8Array, b: Uint8Array, c: Uint8ClampedArray, d: Int16Array, e: Uint16Array, o: Float64Array) => {
      for (const i of prange(1, o.length - 1)) o[i] = (b[i - 1] + 2 * b[i] + b[i + 1]) / 4 + (d[i + 1] - d[i - 1]) * a[i];
    }, (rng) => bytes(rng).slice(0, 6), ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", F]],
  ]);
});
