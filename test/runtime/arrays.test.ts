import { describe, expect, it } from "vitest";
import { array, free } from "../../runtime/api.js";
import { heapStats, isSharedView } from "../../runtime/memory.js";

const KINDS = [
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
] as const;

describe("array() and free()", () => {
  it("makes zero-filled arrays of all nine kinds on the shared memory", () => {
    for (const K of KINDS) {
      const a = array(K, 33);
      expect(a).toBeInstanceOf(K);
      expect(a.length).toBe(33);
      expect(isSharedView(a)).toBe(true);
      expect(a.byteOffset % 16).toBe(0);
      expect(a.byteOffset).toBeGreaterThanOrEqual(64 * 1024);
      expect(Array.from(a).every((x) => x === 0)).toBe(true);
      a.fill(7);
      free(a);
    }
    // A block reused after free is cleared again.
    const b = array(Uint8Array, 33);
    expect(Array.from(b).every((x) => x === 0)).toBe(true);
    free(b);
  });

  it("does not treat ordinary or foreign shared arrays as its own", () => {
    expect(isSharedView(new Float64Array(4))).toBe(false);
    expect(isSharedView(new Float64Array(new SharedArrayBuffer(32)))).toBe(false);
  });

  it("rejects bad constructors and lengths with TypeErrors naming the argument", () => {
    const bad = (f: () => unknown, re: RegExp): void => {
      expect(f).toThrow(TypeError);
      expect(f).toThrow(re);
    };
    bad(() => array(Array as never, 3), /Ctor must be one of Float64Array.*got Array/);
    bad(() => array(BigInt64Array as never, 3), /Ctor .*got BigInt64Array/);
    bad(() => array(undefined as never, 3), /Ctor .*got undefined/);
    bad(() => array(Float64Array, -1), /n must be a non-negative safe integer, got -1/);
    bad(() => array(Float64Array, 1.5), /n must be .*got 1.5/);
    bad(() => array(Float64Array, NaN), /n must be .*got NaN/);
    bad(() => array(Float64Array, 2 ** 53), /n must be/);
    bad(() => array(Float64Array, "3" as never), /n must be .*got string/);
  });

  it("allows length 0", () => {
    const a = array(Int32Array, 0);
    expect(a.length).toBe(0);
    free(a);
  });

  it("free rejects foreign values and double frees, and returns the memory", () => {
    const before = heapStats().liveBytes;
    const a = array(Float64Array, 1000);
    expect(heapStats().liveBytes).toBe(before + 8000);
    free(a);
    expect(heapStats().liveBytes).toBe(before);
    expect(() => free(a)).toThrow(/already freed/);
    expect(() => free(new Float64Array(3))).toThrow(TypeError);
    expect(() => free(a.subarray(1))).toThrow(TypeError);
    expect(() => free(null as never)).toThrow(TypeError);
  });

  it("coalesces freed blocks so the heap does not fragment", () => {
    const base = heapStats();
    const xs = Array.from({ length: 50 }, (_, i) => array(Uint8Array, 1000 + i * 16));
    for (let i = 0; i < xs.length; i += 2) free(xs[i]!);
    for (let i = 1; i < xs.length; i += 2) free(xs[i]!);
    const after = heapStats();
    expect(after.liveBytes).toBe(base.liveBytes);
    expect(after.freeBlocks).toBeLessThanOrEqual(base.freeBlocks);
  });

  it("grows the memory for large arrays; old views stay valid", () => {
    const small = array(Float64Array, 10);
    small[3] = 42;
    const before = heapStats().memoryBytes;
    const big = array(Uint8Array, 64 * 1024 * 1024);
    expect(heapStats().memoryBytes).toBeGreaterThan(before);
    expect(small[3]).toBe(42);
    big[big.length - 1] = 1;
    expect(isSharedView(big)).toBe(true);
    free(big);
    free(small);
  });

  it("refuses to pass 4 GiB with a clear RangeError", () => {
    const f = (): unknown => array(Float64Array, 2 ** 29 + 1);
    expect(f).toThrow(RangeError);
    expect(f).toThrow(/^parfor: shared memory is full: wasm32 allows at most 4 GiB/);
  });
});
