import { afterAll, describe, expect, it } from "vitest";
import { array, free, shutdown } from "../../runtime/api.js";
import { invoke } from "../../runtime/invoke.js";
import { heapStats } from "../../runtime/memory.js";
import { copyKernel, loadTest, scalarKernel, settings } from "./kernels.js";

afterAll(() => shutdown());

const iota = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => i);

describe("argument marshalling", () => {
  // src is declared read-only: a copied src never sees kernel writes, an in-place one would.
  const copy = loadTest(copyKernel(), "copy");

  it("uses shared arrays in place and copies nothing", () => {
    const src = array(Float64Array, 100);
    src.set(iota(100));
    const dst = array(Float64Array, 100);
    invoke(copy, [src, dst], settings(2)); // the first call allocates the kernel's frame
    const live = heapStats().liveBytes;
    invoke(copy, [src, dst], settings(2));
    expect(dst[99]).toBe(100);
    // Aliasing on shared memory: dst = src shifted by one, in place, one thread (chunks in order),
    // so each read sees the previous iteration's write, as in plain JS.
    src.fill(0);
    src[0] = 5;
    invoke(copy, [src.subarray(0, 99), src.subarray(1)], settings(1));
    expect(Array.from(src)).toEqual(Array.from({ length: 100 }, (_, i) => 5 + i));
    expect(heapStats().liveBytes).toBe(live); // no copies were made
    free(src);
    free(dst);
  });

  it("copies ordinary arrays in, back only when written, and releases the copies", () => {
    const src = iota(50);
    const dst = new Float64Array(50).fill(-1);
    invoke(copy, [src, dst], settings(2)); // allocate the frame first
    const live = heapStats().liveBytes;
    invoke(copy, [src, dst], settings(3));
    expect(Array.from(dst)).toEqual(Array.from(iota(50), (x) => x + 1));
    expect(Array.from(src)).toEqual(Array.from(iota(50)));
    expect(heapStats().liveBytes).toBe(live);
  });

  it("maps aliasing subarrays of one ordinary buffer into one copied span", () => {
    const buf = iota(20);
    // dst[i] = src[i] + 1 with src = buf[0..19), dst = buf[1..20): copied separately, dst would
    // be [6, 1, 1, ...]; mapped into one span, each read sees the previous write.
    buf.fill(0);
    buf[0] = 5;
    invoke(copy, [buf.subarray(0, 19), buf.subarray(1)], settings(1));
    // Plain JS: each write is seen by the next read: 5, 6, 7, ...
    expect(Array.from(buf)).toEqual(Array.from({ length: 20 }, (_, i) => 5 + i));
  });

  it("copies views of different buffers separately and keeps byte offsets and alignment", () => {
    const big = new ArrayBuffer(8 * 64 + 3);
    const src = new Float64Array(big, 8 * 3, 10);
    src.set(iota(10));
    const dst = new Float64Array(new ArrayBuffer(8 * 40), 8 * 29, 10);
    invoke(copy, [src, dst], settings(2));
    expect(Array.from(dst)).toEqual(Array.from(iota(10), (x) => x + 1));
    expect(new Float64Array(dst.buffer, 0, 29).every((x) => x === 0)).toBe(true);
  });

  it("copies an array param that is read and written in and back", () => {
    const rw = loadTest(copyKernel({ dstRead: true }), "copy-rw");
    const x = iota(8);
    const y = new Float64Array(8);
    invoke(rw, [x, y], settings(2));
    expect(Array.from(y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(x)).toEqual(Array.from(iota(8)));
  });

  it("mixes shared and ordinary arrays", () => {
    const src = array(Float64Array, 30);
    src.set(iota(30));
    const dst = new Float64Array(30);
    invoke(copy, [src, dst], settings(2));
    expect(dst[29]).toBe(30);
    free(src);
  });

  it("writes scalars by kind and converts every return kind", () => {
    expect(invoke(loadTest(scalarKernel("f64")), [1.25, -3, false], settings(1))).toBe(-0.5);
    expect(invoke(loadTest(scalarKernel("i32")), [0, -7, false], settings(1))).toBe(-14);
    expect(invoke(loadTest(scalarKernel("i32")), [0, 2 ** 31 - 1, false], settings(1))).toBe(0);
    const not = loadTest(scalarKernel("bool"));
    expect(invoke(not, [0, 0, false], settings(2))).toBe(true);
    expect(invoke(not, [0, 0, true], settings(2))).toBe(false);
    expect(invoke(loadTest(scalarKernel("void")), [0, 0, true], settings(1))).toBe(undefined);
  });
});
