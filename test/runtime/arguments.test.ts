/**
 * Arguments that lie: typed-array subclasses whose own `length`, `byteOffset` or `buffer` claim
 * more than the array has, detached buffers, freed parfor arrays and views over parfor's own
 * memory. Plain JavaScript indexes with the real (intrinsic) length, and so must a kernel.
 */
import { afterAll, describe, expect, it } from "vitest";
import { array, free, memoryUsage, parallel, prange, shutdown } from "../../index.js";
import { currentBuffer } from "../../runtime/memory.js";

afterAll(() => shutdown());

const fill = parallel(
  (a: Float64Array, v: number) => {
    for (const i of prange(a.length)) a[i] = v;
  },
  { threads: 2 },
);

describe("argument facts come from the array itself", () => {
  it("a subclass with a lying length getter writes only its real elements", () => {
    class Liar extends Float64Array {
      override get length(): number {
        return 64;
      }
    }
    const next = array(Float64Array, 64);
    const a = array(Float64Array, 8);
    const liar = new Liar(a.buffer, a.byteOffset, 8);
    fill(liar, 7);
    expect(Array.from(a)).toEqual(Array(8).fill(7));
    expect(next.every((x) => x === 0)).toBe(true);
    // an ordinary (copied) subclass as well
    const plain = new Liar(8);
    fill(plain, 3);
    expect(Array.from(new Float64Array(plain.buffer))).toEqual(Array(8).fill(3));
    free(a);
    free(next);
  });

  it("a lying byteOffset or buffer cannot point the kernel at parfor's control block", () => {
    const a = array(Float64Array, 8);
    const liar = new Float64Array(a.buffer, a.byteOffset, 8);
    Object.defineProperty(liar, "byteOffset", { get: () => 0 });
    Object.defineProperty(liar, "buffer", { get: () => new ArrayBuffer(64) });
    const control = new Int32Array(currentBuffer(), 0, 64).slice();
    fill(liar, 5);
    expect(Array.from(a)).toEqual(Array(8).fill(5));
    // the control block's job fields change per call; its first words (generation etc.) stay integers, never 5.0's bits
    const after = new Float64Array(currentBuffer(), 0, 8);
    expect(Array.from(after).includes(5)).toBe(false);
    expect(control.length).toBe(64);
    free(a);
  });

  it("a detached buffer is a TypeError naming the argument", () => {
    const a = new Float64Array(8);
    structuredClone(a.buffer, { transfer: [a.buffer] });
    expect(() => fill(a, 1)).toThrow(TypeError);
    expect(() => fill(a, 1)).toThrow(/argument 1 \('a'\).*detached/);
  });

  it("a freed parfor array is a TypeError, also once its memory is reused", () => {
    const a = array(Float64Array, 16);
    free(a);
    const b = array(Float64Array, 16);
    expect(() => fill(a, 9)).toThrow(TypeError);
    expect(() => fill(a, 9)).toThrow(/released with parfor\.free/);
    expect(b.every((x) => x === 0)).toBe(true);
    free(b);
  });

  it("a hand-made view over parfor's own memory (not inside a parfor.array) is refused", () => {
    const v = new Float64Array(currentBuffer(), 0, 16);
    expect(() => fill(v, 1)).toThrow(TypeError);
    expect(() => fill(v, 1)).toThrow(/outside every live parfor\.array/);
    // a subarray of a live array is fine, in place
    const a = array(Float64Array, 16);
    fill(a.subarray(4, 8), 2);
    expect(Array.from(a)).toEqual([0, 0, 0, 0, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0]);
    free(a);
  });

  it("an array in use by an async call cannot be freed until the call settles", async () => {
    const a = array(Float64Array, 1 << 16);
    const p = fill.async(a, 4);
    expect(() => free(a)).toThrow(/in use by a kernel call/);
    await p;
    expect(a[12345]).toBe(4);
    free(a);
  });

  it("memoryUsage reports live arrays, kernels and the pool", () => {
    const before = memoryUsage();
    const a = array(Float64Array, 1000);
    const u = memoryUsage();
    expect(u.liveArrays).toBe(before.liveArrays + 1);
    expect(u.bytesInUse).toBeGreaterThanOrEqual(before.bytesInUse + 8000);
    expect(u.sharedMemoryBytes).toBeGreaterThanOrEqual(u.bytesInUse);
    expect(u.liveKernels).toBeGreaterThanOrEqual(1);
    expect(u.poolSize).toBeGreaterThanOrEqual(1);
    free(a);
    expect(memoryUsage().liveArrays).toBe(before.liveArrays);
  });
});
