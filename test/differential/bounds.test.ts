/**
 * Bounds: an out-of-range read or write (negative, >= length, fractional, NaN) throws a RangeError
 * naming the array and the index, on 1..4 threads; accesses at the edges do not throw.
 */
import { describe, expect, it } from "vitest";
import { parallel, prange } from "../../index.js";
import { checkThrowsRange, diffAll, type Rng } from "./harness.js";

const N = 50;
const data = () => {
  const a = new Float64Array(N);
  for (let i = 0; i < N; i++) a[i] = i + 1;
  return a;
};

describe("out-of-range accesses throw RangeError naming array and index", () => {
  it("read src[n] one past the end (src[i + 1])", () => {
    checkThrowsRange((src: Float64Array, dst: Float64Array) => { for (const i of prange(dst.length)) dst[i] = src[i + 1]; },
      () => [data(), new Float64Array(N)], { array: "src", index: N });
  });
  it("read src[-1] (src[i - 1] at i = 0)", () => {
    checkThrowsRange((src: Float64Array, dst: Float64Array) => { for (const i of prange(dst.length)) dst[i] = src[i - 1]; },
      () => [data(), new Float64Array(N)], { array: "src", index: -1 });
  });
  it("write dst[n] (dst[i + 1])", () => {
    checkThrowsRange((src: Float64Array, dst: Float64Array) => { for (const i of prange(src.length)) dst[i + 1] = src[i]; },
      () => [data(), new Float64Array(N)], { array: "dst", index: N });
  });
  it("write out[-1] (out[i - 1])", () => {
    checkThrowsRange((src: Float64Array, out: Float64Array) => { for (const i of prange(src.length)) out[i - 1] = src[i]; },
      () => [data(), new Float64Array(N)], { array: "out", index: -1 });
  });
  it("read at a fractional index weights[7.5] from one iteration", () => {
    checkThrowsRange((weights: Float64Array, out: Float64Array) => { for (const i of prange(out.length)) out[i] = weights[i === 7 ? i + 0.5 : i]; },
      () => [data(), new Float64Array(N)], { array: "weights", index: 7.5 });
  });
  it("write at a fractional index out[i / 2] (first bad index 0.5)", () => {
    checkThrowsRange((src: Float64Array, out: Float64Array) => { for (const i of prange(1, 2)) out[i / 2] = src[i]; },
      () => [data(), new Float64Array(N)], { array: "out", index: 0.5 });
  });
  it("read at index NaN", () => {
    checkThrowsRange((src: Float64Array, out: Float64Array, k: number) => { for (const i of prange(out.length)) out[i] = src[i * k]; },
      () => [data(), new Float64Array(1), NaN], { array: "src", index: NaN });
  });
  it("read far past the end at one iteration in the middle (error raised on a worker thread)", () => {
    checkThrowsRange((table: Float64Array, out: Float64Array) => { for (const i of prange(out.length)) out[i] = table[i === 37 ? 5000 : i]; },
      () => [data(), new Float64Array(N)], { array: "table", index: 5000 });
  });
  it("write past the end of an Int8Array from the last iteration only", () => {
    checkThrowsRange((src: Float64Array, bytes: Int8Array) => { for (const i of prange(src.length)) bytes[i === src.length - 1 ? bytes.length : i] = src[i]; },
      () => [data(), new Int8Array(N)], { array: "bytes", index: N });
  });
  it("read src[2^32] (an index that wraps to 0 as uint32 must still throw)", () => {
    checkThrowsRange((src: Float64Array, out: Float64Array, k: number) => { for (const i of prange(out.length)) out[i] = src[i + k]; },
      () => [data(), new Float64Array(1), 2 ** 32], { array: "src", index: 2 ** 32 });
  });
  it("read src[-2^31] (an index that is a valid int32 but negative)", () => {
    checkThrowsRange((src: Float64Array, out: Float64Array, k: number) => { for (const i of prange(out.length)) out[i] = src[i + k]; },
      () => [data(), new Float64Array(1), -(2 ** 31)], { array: "src", index: -(2 ** 31) });
  });
  it("read past the end of a subarray view whose buffer continues (view length is the bound)", () => {
    const whole = new Float64Array(2 * N);
    checkThrowsRange((view: Float64Array, out: Float64Array) => { for (const i of prange(out.length)) out[i] = view[i + 1]; },
      () => [whole.subarray(0, N), new Float64Array(N)], { array: "view", index: N }, { modes: ["typed"] });
  });
  it("read out of bounds in serial code outside any prange", () => {
    checkThrowsRange((src: Float64Array) => { let s = 0; for (const i of prange(src.length)) s += src[i]; return s + src[src.length]; },
      () => [data()], { array: "src", index: N });
  });
  it("a kernel that threw stays usable: the next call on valid inputs returns the right result", () => {
    const fn = (src: Float64Array, k: number) => { let s = 0; for (const i of prange(src.length)) s += src[i + k]; return s; };
    for (const t of [1, 2, 3, 4]) {
      const kern = parallel(fn, { threads: t }) as unknown as typeof fn;
      expect(() => kern(data(), 1)).toThrow(RangeError);
      expect(kern(data(), 0)).toBe(fn(data(), 0));
      expect(() => kern(data(), -1)).toThrow(RangeError);
      expect(kern(data().subarray(1), 0)).toBe(fn(data().subarray(1), 0));
    }
  });
});

describe("accesses at the edges do not throw", () => {
  diffAll([
    ["reads a[0] and a[n - 1] from every iteration", (a: Float64Array, o: Float64Array) => { const n = a.length; for (const i of prange(o.length)) o[i] = a[0] + a[n - 1] + a[i]; }, (rng: Rng) => { const n = rng.int(1, 500); return [rng.ints(n), new Float64Array(n)]; }],
    ["writes o[n - 1 - i] (reversed, touching both ends)", (a: Float64Array, o: Float64Array) => { const n = a.length; for (const i of prange(n)) o[n - 1 - i] = a[i]; }, (rng: Rng) => { const n = rng.int(1, 500); return [rng.ints(n), new Float64Array(n)]; }],
    ["index -0 reads element 0", (a: Float64Array, o: Float64Array, z: number) => { for (const i of prange(o.length)) o[i] = a[z] + a[i * z]; }, (rng: Rng) => { const n = rng.int(1, 500); return [rng.ints(n), new Float64Array(n), -0]; }],
    ["index computed as a double that is integral (i / 2 * 2, i * 0.5 + i * 0.5)", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[(i / 2) * 2] + a[i * 0.5 + i * 0.5]; }, (rng: Rng) => { const n = rng.int(1, 500); return [rng.ints(n), new Float64Array(n)]; }],
    ["stencil at exactly the interior bounds 1..n-2", (a: Float64Array, o: Float64Array) => { const n = a.length; for (const i of prange(1, n - 1)) o[i] = a[i - 1] + a[i + 1]; }, (rng: Rng) => { const n = rng.int(2, 500); return [rng.ints(n), new Float64Array(n)]; }],
    ["every index of Int8/Uint16/Float32 arrays of different lengths", (a: Int8Array, b: Uint16Array, c: Float32Array) => { for (const i of prange(a.length)) { a[i] = i; b[b.length - 1 - i] = i; c[i] = a[i] + b[b.length - 1 - i]; } }, (rng: Rng) => { const n = rng.int(1, 100); return [new Int8Array(n), new Uint16Array(n + rng.int(0, 3)), new Float32Array(n)]; }],
  ]);
});
