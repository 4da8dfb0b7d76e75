/** Every typed array kind: loads, stores converting as in JS, .length, read-modify-write wrapping. */
import { describe } from "vitest";
import { prange } from "../../index.js";
import { diff, diffAll, drop, f64, type AnyTypedArray, type Rng } from "./harness.js";

type Ctor = { new (n: number): AnyTypedArray; readonly name: string };
const KINDS: readonly Ctor[] = [
  Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray,
];

/** Store: o[i] = src[i] converts src's doubles as the destination kind does. */
const store = (src: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = src[i]; };
/** Load: every element of the source kind read into Float64. */
const load = (src: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = src[i]; };

function randomContents(rng: Rng, C: Ctor, n: number): AnyTypedArray {
  const a = new C(n);
  const bytes = new Uint8Array(a.buffer);
  for (let i = 0; i < bytes.length; i++) bytes[i] = rng.u32() & 0xff;
  if (C === Float64Array || C === Float32Array) {
    // replace NaN payloads: stored NaNs need not keep their bits, compare values only
    for (let i = 0; i < n; i++) if (Number.isNaN(a[i])) a[i] = rng.float(-10, 10);
  }
  return a;
}

describe("stores convert like JavaScript", () => {
  for (const C of KINDS) {
    diff(`store mixed doubles into ${C.name} (out of range, negative, fractional, NaN, Infinity)`, store, (rng) => {
      const n = rng.int(1, 500);
      return [rng.mixed(n), new C(n)];
    });
  }
  for (const C of KINDS) {
    diff(`store int32 values into ${C.name} (wrap and clamp)`, store, (rng) => {
      const n = rng.int(1, 500);
      const src = rng.ints(n, -70000, 70000);
      return [src, new C(n)];
    });
  }
  diff("Uint8ClampedArray rounds half to even: 0.5→0 1.5→2 2.5→2 254.5→254 255.5→255 -1→0 300→255", store, () => {
    const src = f64(0.5, 1.5, 2.5, 3.5, 254.5, 255.5, -1, 300, -0.5, 0.49999999999999994, 253.5, 1.4999999999999998, NaN, Infinity, -Infinity, -0, 127.5, 128.5, 2 ** 32 + 0.5);
    return [src, new Uint8ClampedArray(src.length)];
  });
  diff("Int8/Uint8/Int16/Uint16/Int32/Uint32 store specific edges (200, 40000, -1, 2^32+5, 1e20, -1.9)", (src: Float64Array, a: Int8Array, b: Uint8Array, c: Int16Array, d: Uint16Array, e: Int32Array, f: Uint32Array) => {
    for (const i of prange(src.length)) { a[i] = src[i]; b[i] = src[i]; c[i] = src[i]; d[i] = src[i]; e[i] = src[i]; f[i] = src[i]; }
  }, () => {
    const src = f64(200, 40000, -1, 2 ** 32 + 5, 1e20, -1.9, 1.9, -129, 128, 65536, -32769, 2 ** 31, -(2 ** 31) - 1, NaN, Infinity, -0, 4294967295.5, -4294967295);
    const n = src.length;
    return [src, new Int8Array(n), new Uint8Array(n), new Int16Array(n), new Uint16Array(n), new Int32Array(n), new Uint32Array(n)];
  });
  diff("Float32Array stores round to nearest float (0.1, 1e39 → Infinity, 1e-46 → 0, -1e-46 → -0)", store, () => {
    const src = f64(0.1, 1e39, -1e39, 1e-46, -1e-46, 16777217, 3.4028235677973366e38, 1.401298464324817e-45, 7e-46, 1 / 3, -0, NaN);
    return [src, new Float32Array(src.length)];
  });
});

describe("loads widen every kind exactly", () => {
  for (const C of KINDS) {
    diff(`load ${C.name} into Float64 (sign and zero extension)`, load, (rng) => {
      const n = rng.int(1, 500);
      return [randomContents(rng, C, n), new Float64Array(n)];
    });
  }
  diff("sum of loads from several kinds in one kernel", (a: Int8Array, b: Uint16Array, c: Float32Array, d: Uint32Array, e: Uint8ClampedArray, o: Float64Array) => {
    for (const i of prange(o.length)) o[i] = a[i] + b[i] * 2 + c[i] + d[i] + e[i];
  }, (rng) => {
    const n = rng.int(1, 500);
    return [randomContents(rng, Int8Array, n), randomContents(rng, Uint16Array, n), randomContents(rng, Float32Array, n), randomContents(rng, Uint32Array, n), randomContents(rng, Uint8ClampedArray, n), new Float64Array(n)];
  });
});

describe(".length", () => {
  diff(".length of every kind, used in arithmetic and returned", (a: Int8Array, b: Uint8Array, c: Uint8ClampedArray, d: Int16Array, e: Uint16Array, f: Int32Array, g: Uint32Array, h: Float32Array, o: Float64Array) => {
    for (const i of prange(o.length)) o[i] = a.length + b.length * 2 + c.length * 3 + d.length * 4 + e.length * 5 + f.length * 6 + g.length * 7 + h.length * 8 + i;
    return o.length * 1000 + a.length;
  }, (rng) => {
    const m = () => rng.int(0, 40);
    return [new Int8Array(m()), new Uint8Array(m()), new Uint8ClampedArray(m()), new Int16Array(m()), new Uint16Array(m()), new Int32Array(m()), new Uint32Array(m()), new Float32Array(m()), new Float64Array(rng.int(1, 300))];
  });
  diff("empty arrays: length 0 and a prange over it does nothing", (a: Float64Array, b: Int32Array) => {
    for (const i of prange(a.length)) a[i] = b[i];
    return a.length + b.length;
  }, () => [new Float64Array(0), new Int32Array(0)]);
});

describe("read-modify-write and assignment values", () => {
  const small = (rng: Rng) => {
    const n = rng.int(1, 400);
    const u8 = new Uint8Array(n), i8 = new Int8Array(n), c8 = new Uint8ClampedArray(n), u16 = new Uint16Array(n), i32 = new Int32Array(n), u32 = new Uint32Array(n);
    for (let i = 0; i < n; i++) { const r = rng.u32(); u8[i] = r; i8[i] = r; c8[i] = r & 255; u16[i] = r; i32[i] = r; u32[i] = r; }
    u8[0] = 255; i8[0] = 127; c8[0] = 250; u16[0] = 65535; i32[0] = 2147483647; u32[0] = 4294967295;
    return [u8, i8, c8, u16, i32, u32, new Float64Array(n)];
  };
  diffAll([
    ["x[i] += 200 wraps (Uint8, Int8, Uint16, Int32, Uint32) and clamps (Uint8Clamped)", (u8: Uint8Array, i8: Int8Array, c8: Uint8ClampedArray, u16: Uint16Array, i32: Int32Array, u32: Uint32Array) => {
      for (const i of prange(u8.length)) { u8[i] += 200; i8[i] += 200; c8[i] += 200; u16[i] += 200; i32[i] += 2000000000; u32[i] += 2000000000; }
    }, drop(small, 6)],
    ["x[i]++ at 127/255/65535/2^31-1 wraps; postfix value is the old value", (u8: Uint8Array, i8: Int8Array, c8: Uint8ClampedArray, u16: Uint16Array, i32: Int32Array, u32: Uint32Array, o: Float64Array) => {
      for (const i of prange(o.length)) o[i] = u8[i]++ + i8[i]++ * 2 + c8[i]++ * 3 + u16[i]++ + i32[i]++ + u32[i]++;
    }, small],
    ["--x[i] at 0 wraps; prefix value is the unconverted new value", (u8: Uint8Array, i8: Int8Array, c8: Uint8ClampedArray, u16: Uint16Array, i32: Int32Array, u32: Uint32Array, o: Float64Array) => {
      for (const i of prange(o.length)) { u8[i] = 0; u32[i] = 0; c8[i] = 0; o[i] = --u8[i] + --u32[i] * 3 + --c8[i] * 5 + --i8[i] + --u16[i] + --i32[i]; }
    }, small],
    ["value of (u8[i] += 300) is the unwrapped sum", (u8: Uint8Array, c8: Uint8ClampedArray, o: Float64Array) => {
      for (const i of prange(o.length)) o[i] = (u8[i] += 300) + (c8[i] -= 1000) * 1e4;
    }, drop(small, 1, 3, 4, 5)],
    ["chained assignment a[i] = b[i] = x passes x unconverted", (u8: Uint8Array, i8: Int8Array, i32: Int32Array, o: Float64Array) => {
      for (const i of prange(o.length)) o[i] = u8[i] = i8[i] = i32[i] = i * 1000.75 - 3;
    }, drop(small, 2, 3, 5)],
    ["every compound assignment on a Float64 element", (o: Float64Array, a: Float64Array) => {
      for (const i of prange(o.length)) { o[i] += a[i]; o[i] *= 3; o[i] -= 1; o[i] /= 7; o[i] %= 5; o[i] **= 2; o[i] += 2 ** 40; o[i] |= 5; o[i] &= a[i]; o[i] ^= 12; o[i] <<= 3; o[i] >>= 1; o[i] >>>= 2; }
    }, (rng: Rng) => { const n = rng.int(1, 400); return [rng.mixed(n), rng.mixed(n)]; }],
    ["Float32 arithmetic is done in double and rounded once on store", (a: Float32Array, b: Float32Array, c: Float32Array, o: Float32Array, p: Float64Array) => {
      for (const i of prange(o.length)) { o[i] = a[i] + b[i] * c[i]; p[i] = a[i] + b[i] + c[i]; }
    }, (rng: Rng) => {
      const n = rng.int(1, 400);
      const mk = () => { const x = new Float32Array(n); for (let i = 0; i < n; i++) x[i] = rng.float(-1e4, 1e4); return x; };
      return [mk(), mk(), mk(), new Float32Array(n), new Float64Array(n)];
    }],
    ["Int32 store of i * 100000 wraps modulo 2^32", (o: Int32Array) => { for (const i of prange(o.length)) o[i] = i * 100000; }, (rng: Rng) => [new Int32Array(rng.int(1, 5000))]],
    ["copy between kinds in place: Int16 ← Float32 ← Uint8", (a: Uint8Array, b: Float32Array, c: Int16Array) => {
      for (const i of prange(a.length)) { b[i] = a[i] * 300.5; c[i] = b[i]; }
    }, (rng: Rng) => { const n = rng.int(1, 400); return [randomContents(rng, Uint8Array, n), new Float32Array(n), new Int16Array(n)]; }],
  ]);
});
