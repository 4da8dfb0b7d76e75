/** The harness itself: it must notice every kind of difference it claims to check. */
import { describe, expect, it } from "vitest";
import { prange } from "../../index.js";
import { check, checkThrowsRange, Rng, type Kernel } from "./harness.js";

/** a "compiler" that returns the plain function, optionally altered */
const plainCompiler = (alter?: (ret: unknown, args: unknown[], threads: number) => unknown) =>
  (fn: Kernel, o: Record<string, unknown>): Kernel => (...args: unknown[]) => {
    const r = fn(...args);
    return alter ? alter(r, args, o.threads as number) : r;
  };

const sum = (a: Float64Array) => { let s = 0; for (const i of prange(a.length)) s += a[i]; return s; };
const neg = (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = -a[i]; };
const negInputs = (rng: Rng) => { const n = rng.int(2, 50); const a = rng.ints(n); a[0] = 0; return [a, new Float64Array(n)]; };

describe("harness", async () => {
  it("Rng is deterministic per seed and differs across seeds", async () => {
    const a = new Rng(7), b = new Rng(7), c = new Rng(8);
    const xs = [a.u32(), a.u32(), a.unit()], ys = [b.u32(), b.u32(), b.unit()];
    expect(xs).toEqual(ys);
    expect(c.u32()).not.toBe(xs[0]);
    const r = new Rng(3);
    for (let i = 0; i < 1000; i++) { const v = r.int(-2, 2); expect(v >= -2 && v <= 2 && Number.isInteger(v)).toBe(true); }
  });
  it("passes an unaltered kernel", async () => {
    await check(neg, negInputs, { compile: plainCompiler() });
    await check(sum, (rng) => [rng.f64(100)], { compile: plainCompiler(), floatReduction: true });
  });
  it("catches -0 written as +0 in an array", async () => {
    const zeroFix = plainCompiler((r, args) => { const o = args[1] as Float64Array; for (let i = 0; i < o.length; i++) if (o[i] === 0) o[i] = 0; return r; });
    await expect(check(neg, negInputs, { compile: zeroFix })).rejects.toThrow(/expected -0, got 0/);
  });
  it("catches a return of +0 instead of -0 and NaN instead of a number", async () => {
    await expect(check(() => -0, () => [], { compile: plainCompiler(() => 0) })).rejects.toThrow(/expected -0, got 0/);
    await expect(check(() => 1, () => [], { compile: plainCompiler(() => NaN) })).rejects.toThrow(/expected 1, got NaN/);
  });
  it("catches a mismatch at only one thread count", async () => {
    await expect(check(() => 5, () => [], { compile: plainCompiler((r, _a, t) => (t === 3 ? 6 : r)) })).rejects.toThrow(/threads=3/);
  });
  it("catches writes outside a subarray view", async () => {
    const spill = plainCompiler((r, args) => {
      const o = args[1] as Float64Array;
      new Float64Array(o.buffer, o.byteOffset + o.byteLength, 1)[0] = 1;
      return r;
    });
    await expect(check(neg, negInputs, { compile: spill, modes: ["view"] })).rejects.toThrow(/outside the subarray view/);
  });
  it("float reductions: tolerates reassociation error but not bit differences between thread counts", async () => {
    const tiny = plainCompiler((r) => (r as number) * (1 + 2 ** -50));
    await check(sum, (rng) => [rng.f64(1000, 1, 2)], { compile: tiny, floatReduction: true });
    const perThread = plainCompiler((r, _a, t) => (t === 2 ? (r as number) * (1 + 2 ** -50) : r));
    await expect(check(sum, (rng) => [rng.f64(1000, 1, 2)], { compile: perThread, floatReduction: true })).rejects.toThrow(/differs in bits/);
    const far = plainCompiler((r) => (r as number) * 1.001);
    await expect(check(sum, (rng) => [rng.f64(1000, 1, 2)], { compile: far, floatReduction: true })).rejects.toThrow(/not within/);
  });
  it("when plain throws, compiled must throw the same error class", async () => {
    const plainThrows = (n: number) => { let s = 0; for (const i of prange(n)) s += i; return s; };
    await check(plainThrows, () => [2.5], { compile: plainCompiler() });
    await expect(check(plainThrows, () => [2.5], { compile: () => () => 0 })).rejects.toThrow(/plain threw TypeError/);
  });
  it("keeps aliasing: the same input array passed twice is one array in every mode", async () => {
    const seen: boolean[] = [];
    await check((a: Float64Array, b: Float64Array) => { a[0] = 1; return b[0]; }, () => { const a = new Float64Array(3); return [a, a]; },
      { compile: plainCompiler((r, args) => { seen.push(args[0] === args[1]); return r; }) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((x) => x)).toBe(true);
  });
  it("fails when the compiler emits a parfor warning for a kernel", async () => {
    const warns = (fn: Kernel): Kernel => { process.emitWarning("'s' races", { type: "ParforSafetyWarning", code: "PF2001" }); return fn; };
    await expect(check(() => 1, () => [], { compile: warns })).rejects.toThrow(/warned about a race-free kernel/);
    await check(() => 1, () => [], { compile: warns, allowWarnings: true });
  });
  it("checkThrowsRange requires RangeError with the array name and the index", async () => {
    const inputs = () => [new Float64Array(4)];
    const f = (src: Float64Array) => src[0];
    checkThrowsRange(f, inputs, { array: "src", index: 4 }, { compile: () => () => { throw new RangeError("index 4 out of bounds for src (length 4)"); } });
    expect(() => checkThrowsRange(f, inputs, { array: "src", index: 4 }, { compile: () => () => 0 })).toThrow(/instead of throwing/);
    expect(() => checkThrowsRange(f, inputs, { array: "src", index: 4 }, { compile: () => () => { throw new RangeError("out of bounds"); } })).toThrow(/does not name array/);
    expect(() => checkThrowsRange(f, inputs, { array: "src", index: 4 }, { compile: () => () => { throw new TypeError("src 4"); } })).toThrow(/expected RangeError/);
  });
});
