/**
 * Compile errors that do not depend on argument types are reported by `parallel()` itself, so a
 * wrong kernel fails where it is written (and `fallback: "js"` applies there); errors that depend
 * on a call's argument types still arrive with that call.
 */
import { afterAll, describe, expect, it } from "vitest";
import { parallel, prange, ParforCompileError, shutdown } from "../../index.js";
import { host } from "../../runtime/host.js";

afterAll(() => shutdown());

async function warningsDuring(fn: () => unknown): Promise<Error[]> {
  const seen: Error[] = [];
  const on = (w: Error): void => void seen.push(w);
  process.on("warning", on);
  try {
    fn();
    await new Promise((r) => setTimeout(r, 20));
  } finally {
    process.off("warning", on);
  }
  return seen;
}

describe("parallel() reports type-independent compile errors", () => {
  it("throws a ParforCompileError from parallel(), positioned in this file, before any call", () => {
    let err: unknown;
    try {
      parallel(function labels(a: Float64Array): void {
        for (const i of prange(a.length)) a[i] = "abc".length;
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParforCompileError);
    const e = err as ParforCompileError;
    expect(e.message).toMatch(/cannot compile kernel 'labels'/);
    // the kernel's position, or (where the text was transformed, as under Vitest) the call's
    expect(e.message).toMatch(/early-errors\.test\.ts:\d+/);
    expect(e.message).toMatch(/ - error PF1\d{3}: /);
    expect(e.diagnostics[0]!.code).toMatch(/^PF1/);
    // the stack leads to the parallel() call, where the kernel is written
    expect(e.stack).toMatch(/early-errors\.test\.ts/);
  });

  it("an unbound free variable fails at parallel(); bound by globals it compiles", () => {
    expect(() =>
      parallel((a: Float64Array) => {
        for (const i of prange(a.length)) a[i] = LIMIT;
      }),
    ).toThrow(/LIMIT/);
    const k = parallel(
      (a: Float64Array) => {
        for (const i of prange(a.length)) a[i] = LIMIT;
      },
      { globals: { LIMIT: 7 }, threads: 1 },
    );
    const a = new Float64Array(3);
    k(a);
    expect([...a]).toEqual([7, 7, 7]);
  });

  it('with fallback: "js" parallel() warns once (PF3004) and every call runs the plain function', async () => {
    let k: ((a: Float64Array) => number) | undefined;
    const ws = await warningsDuring(() => {
      k = parallel(
        function lenient(a: Float64Array): number {
          let s = 0;
          for (const i of prange(a.length)) s += "ab".length * a[i]!;
          return s;
        },
        { fallback: "js" },
      );
    });
    expect(ws.map((w) => (w as Error & { code?: string }).code)).toEqual(["PF3004"]);
    const again = await warningsDuring(() => expect(k!(new Float64Array([1, 2, 3]))).toBe(12));
    expect(again).toEqual([]);
  });

  it("a correct kernel is parsed once: parallel() keeps the shape the first call uses", () => {
    const jit = host().jit as { shapeOf: (...args: never[]) => unknown };
    const shapeOf = jit.shapeOf;
    let parses = 0;
    jit.shapeOf = (...args: never[]) => (parses++, shapeOf(...args));
    try {
      const k = parallel((a: Float64Array, x: number) => {
        for (const i of prange(a.length)) a[i] = x * i;
      });
      expect(parses).toBe(1);
      const a = new Float64Array(4);
      k(a, 2);
      expect([...a]).toEqual([0, 2, 4, 6]);
      expect(parses).toBe(1);
    } finally {
      jit.shapeOf = shapeOf;
    }
  });
});

declare const LIMIT: number;
