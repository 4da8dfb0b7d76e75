/**
 * Kernels call the math library (not JavaScript's Math) and get V8's bits on every thread,
 * including huge sin/cos/tan arguments, whose reduction uses each thread's own scratch block.
 */
import { describe, expect, it } from "vitest";
import { parallel, prange } from "../../index.js";
import { compile } from "../../compiler/index.js";
import { calledFunctions, decodeModule } from "../../compiler/lower/wasm/decoder.js";
import { LIBRARY_FUNCTIONS, mathFunction, SCRATCH_SLOT_BYTES } from "../../runtime/mathlib.js";
import { HEAP_BASE, MATH_SCRATCH_BYTES, RESERVED_BYTES, alloc, release, sharedMemory } from "../../runtime/memory.js";
import { MAX_WORKERS } from "../../runtime/control.js";

const same = (a: number, b: number): boolean => Object.is(a, b) || (a !== a && b !== b);

describe("kernels and the math library", () => {
  it("imports come from the library; hypot of other than two arguments (hypot_<n>) stays V8's", () => {
    const mem = sharedMemory();
    for (const name of LIBRARY_FUNCTIONS) {
      const f = mathFunction(mem, name)!;
      expect(f, name).not.toBe((Math as unknown as Record<string, unknown>)[name]);
    }
    expect(mathFunction(mem, "hypot_3")).toBe(Math.hypot);
    expect(mathFunction(mem, "hypot_0")).toBe(Math.hypot);
    expect(mathFunction(mem, "random")).toBe(Math.random);
  });

  it("Math.hypot with 0 to 3 arguments in one kernel: the library's for two, V8's for the others", () => {
    const f = (a: Float64Array, o: Float64Array): void => {
      for (const i of prange(a.length)) o[i] = Math.hypot(a[i]!, 3) + Math.hypot(a[i]!) + Math.hypot(a[i]!, 1, 2) + Math.hypot();
    };
    const a = Float64Array.from({ length: 257 }, (_, i) => (i - 128) * 0.371 + (i % 7 === 0 ? 1e300 : 0));
    const plain = new Float64Array(a.length);
    const got = new Float64Array(a.length);
    f(a, plain);
    parallel(f, { threads: 2 })(a, got);
    for (let i = 0; i < a.length; i++) expect(same(got[i]!, plain[i]!), `i=${i}`).toBe(true);
  });

  it("the library's functions are linked into kernels; what it lacks stays an import", () => {
    const r = compile(`(a, o) => { for (const i of prange(a.length)) o[i] = Math.exp(a[i]) + Math.sin(a[i]) + Math.hypot(a[i], 1) + Math.hypot(a[i], 1, 2) + Math.random() * 0; }`, ["Float64Array", "Float64Array"]);
    expect(r.compiled!.mathImports).toEqual(["hypot_3", "random"]);
  });

  it("scratch region: one block per thread, between the control block and the heap", () => {
    expect((MAX_WORKERS + 1) * SCRATCH_SLOT_BYTES).toBeLessThanOrEqual(MATH_SCRATCH_BYTES);
    expect(HEAP_BASE).toBe(RESERVED_BYTES + MATH_SCRATCH_BYTES);
    const p = alloc(64);
    expect(p).toBeGreaterThanOrEqual(HEAP_BASE);
    release(p);
  });

  it("sin/cos/tan of huge arguments on 4 threads at once match the plain function bit for bit", () => {
    const plain = (a: Float64Array, o: Float64Array): void => {
      for (const i of prange(a.length)) o[i] = Math.sin(a[i]!) + Math.cos(a[i]! * 3) * 0.5 + Math.tan(a[i]! * 7) * 0.25;
    };
    const k = parallel(plain, { threads: 4 });
    const n = 40_000;
    const a = new Float64Array(n);
    let s = 17;
    for (let i = 0; i < n; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      a[i] = (s / 2 ** 32 + 0.5) * 2 ** (20 + (i % 1000)) * (i % 2 ? -1 : 1);
    }
    const want = new Float64Array(n);
    plain(a, want);
    for (let r = 0; r < 3; r++) {
      const got = new Float64Array(n);
      k(a, got);
      let bad = 0;
      for (let i = 0; i < n; i++) if (!same(got[i]!, want[i]!)) bad++;
      expect(bad).toBe(0);
    }
  });

  it("exp, log, pow, atan2 in a kernel: bit-identical elementwise results", () => {
    const plain = (a: Float64Array, b: Float64Array, o: Float64Array): void => {
      for (const i of prange(a.length)) o[i] = Math.exp(a[i]!) - Math.log(Math.abs(b[i]!)) + Math.pow(Math.abs(a[i]!), b[i]!) + Math.atan2(a[i]!, b[i]!) + a[i]! ** 3;
    };
    const k = parallel(plain, { threads: 2 });
    const n = 20_000;
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      a[i] = Math.sin(i) * 30;
      b[i] = Math.cos(i * 1.7) * 9;
    }
    const want = new Float64Array(n);
    const got = new Float64Array(n);
    plain(a, b, want);
    k(a, b, got);
    let bad = 0;
    for (let i = 0; i < n; i++) if (!same(got[i]!, want[i]!)) bad++;
    expect(bad).toBe(0);
  });

  it("two-lane exp (math/assembly/lanes.ts, inlined into two-lane loops): 10^6 inputs and every ordered pair of edge values in the lanes", () => {
    const plain = (a: Float64Array, o: Float64Array): void => {
      for (const i of prange(a.length)) o[i] = Math.exp(a[i]!);
    };
    expect(compile(plain.toString(), ["Float64Array", "Float64Array"]).compiled!.loops[0]!.lanes).toBe(2);
    const k = parallel(plain, { threads: 2 });
    const edges = [
      0, -0, 1, -1, NaN, Infinity, -Infinity, 2 ** -28, -(2 ** -28), 2 ** -28 * (1 - 2 ** -53), 5e-324, 1e-300,
      0.34657359027997264, 0.3465735912322998, 0.34657359123229974, 1.0397207689285278, 1.0397207708399179,
      703.9999999999999, 704, -704, -703.9999999999999, 708.3964185322641, 709.089565712824, 709.782712893384,
      709.7827128933841, 710, -708.3964185322641, -709.089565712824, -744.44, -745.1332191019411,
      -745.1332191019412, -746, 0.9999999999999999, 1.0000000000000002, 88.72283905206835, -87.33654475055310,
    ];
    // every ordered pair twice in a row, so the pair shares a step whichever lane a chunk starts on
    const pairs: number[] = [];
    for (const x of edges) for (const y of edges) pairs.push(x, y, x, y);
    // then uniform and log-uniform inputs over every range the scalar code distinguishes
    const n = 1_000_000;
    const a = new Float64Array(pairs.length + n);
    a.set(pairs);
    let s = 99;
    const rnd = (): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let i = pairs.length; i < a.length; i++) {
      const r = rnd();
      const sign = rnd() < 0.5 ? -1 : 1;
      a[i] = i % 4 === 0 ? (r - 0.5) * 1500 : i % 4 === 1 ? (r - 0.5) * 4 : i % 4 === 2 ? sign * 2 ** (rnd() * 40 - 32) : 700 + r * 50 * sign;
    }
    const want = new Float64Array(a.length);
    const got = new Float64Array(a.length);
    plain(a, want);
    k(a, got);
    const bad: string[] = [];
    for (let i = 0; i < a.length; i++) if (!same(got[i]!, want[i]!) && bad.length < 5) bad.push(`exp(${a[i]}): ${got[i]} vs V8 ${want[i]}`);
    expect(bad).toEqual([]);
  });

  it("calls inside loops are inlined (no call to sin from the loop), outside loops called; bits unchanged, huge arguments included", () => {
    const plain = (n: number, o: Float64Array): number => {
      const h = Math.sin(n) * 0 + Math.PI / n;
      for (const i of prange(n)) {
        const x = (i + 0.5) * h;
        let s = 0;
        for (let j = 0; j < n; j++) s += Math.sin(x + (j + 0.5) * h) + (j % 7 === 3 ? Math.sin(1e300 * x + j) : 0);
        o[i] = s;
      }
      return h;
    };
    const r = compile(plain.toString(), ["i", "Float64Array"]);
    const mod = decodeModule(r.compiled!.wasm);
    const body = (name: string): Uint8Array => mod.bodies[mod.exports.get(name)!.index - mod.importedFunctions]!;
    const fromMain = new Set(calledFunctions(body("main")));
    const fromLoop = calledFunctions(body("loop_0"));
    expect(fromLoop.filter((f) => fromMain.has(f))).toEqual([]); // main's sin is not called from the loop
    expect(fromLoop.length).toBeGreaterThan(0); // the inlined sin's own call for huge arguments
    for (const threads of [1, 3]) {
      const k = parallel(plain, { threads });
      for (const n of [1, 2, 37, 200]) {
        const want = new Float64Array(n);
        const got = new Float64Array(n);
        plain(n, want);
        k(n, got);
        for (let i = 0; i < n; i++) expect(same(got[i]!, want[i]!), `n=${n}, i=${i}, ${threads} threads`).toBe(true);
      }
    }
  });

  it("the inline budget: beyond 16 kB of inlined code per function, calls stay calls (same bits)", () => {
    const plain = (a: Float64Array, o: Float64Array): void => {
      for (const i of prange(a.length)) {
        let s = 0;
        for (let j = 0; j < 3; j++) s += Math.pow(a[i]!, j) + Math.pow(j, a[i]!) + Math.cos(a[i]! * j) + Math.cos(a[i]! + j) + Math.pow(a[i]! + j, 0.5) + Math.cos(a[i]! - j) + Math.pow(2, a[i]! - j) + Math.cos(a[i]! * 2 + j) + Math.pow(a[i]!, 3 - j) + Math.cos(j - a[i]!) + Math.pow(j + 1, a[i]!);
        o[i] = s;
      }
    };
    const r = compile(plain.toString(), ["Float64Array", "Float64Array"]);
    const mod = decodeModule(r.compiled!.wasm);
    const loop = mod.bodies[mod.exports.get("loop_0")!.index - mod.importedFunctions]!;
    expect(loop.length).toBeLessThan(16 * 1024 + 3000);
    expect(calledFunctions(loop).length).toBeGreaterThan(1);
    const a = Float64Array.from({ length: 301 }, (_, i) => (i - 150) * 0.173);
    const want = new Float64Array(a.length);
    const got = new Float64Array(a.length);
    plain(a, want);
    parallel(plain, { threads: 2 })(a, got);
    for (let i = 0; i < a.length; i++) expect(same(got[i]!, want[i]!), `i=${i}`).toBe(true);
  });
});
