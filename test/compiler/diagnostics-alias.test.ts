/**
 * PF2008: arrays that share memory at call time (runtime/alias.ts). The overlap that creates a
 * dependence is reported once and the call still returns the plain function's result; an
 * identical view passed twice to an elementwise kernel is no dependence and is not reported.
 */
import { afterAll, describe, expect, test } from "vitest";
import { parallel, prange, shutdown } from "../../index.js";
import { overlaps } from "../../runtime/alias.js";

afterAll(() => shutdown());

function warningsDuring(f: () => void): Promise<Error[]> {
  const seen: Error[] = [];
  const on = (w: Error) => seen.push(w);
  process.on("warning", on);
  f();
  return new Promise((r) => setImmediate(() => {
    process.off("warning", on);
    r(seen);
  }));
}

describe("call-time aliasing (PF2008)", () => {
  test("overlap test", () => {
    const b = new Float64Array(10);
    expect(overlaps(b.subarray(0, 5), b.subarray(4))).toBe(true);
    expect(overlaps(b.subarray(0, 5), b.subarray(5))).toBe(false);
    expect(overlaps(b, new Float64Array(10))).toBe(false);
  });

  test("shifted views: reported once, the result is the plain function's", async () => {
    const plain = (dst: Float64Array, src: Float64Array): void => {
      for (const i of prange(dst.length)) dst[i] = src[i] + 1;
    };
    const k = parallel(plain, { threads: 2 });
    const expected = new Float64Array(2000);
    plain(expected.subarray(1), expected.subarray(0, 1999));
    const buf = new Float64Array(2000);
    const ws = await warningsDuring(() => {
      k(buf.subarray(1), buf.subarray(0, 1999));
      k(buf.fill(0).subarray(1), buf.subarray(0, 1999));
    });
    expect(Array.from(buf)).toEqual(Array.from(expected));
    const codes = ws.map((w) => (w as Error & { code?: string }).code);
    expect(codes.filter((c) => c === "PF2008")).toHaveLength(1);
    expect(ws.find((w) => (w as Error & { code?: string }).code === "PF2008")!.message).toContain("'dst' and 'src' share memory");
  });

  test("the same view twice in an elementwise kernel is not a dependence", async () => {
    const k = parallel((dst: Float64Array, src: Float64Array) => {
      for (const i of prange(dst.length)) dst[i] = src[i] * 2;
    });
    const x = new Float64Array(100).fill(1);
    const ws = await warningsDuring(() => k(x, x));
    expect(ws.filter((w) => (w as Error & { code?: string }).code === "PF2008")).toEqual([]);
    expect(x.every((v) => v === 2)).toBe(true);
  });

  test("PARFOR_ALIASING=error refuses the call", () => {
    const k = parallel((dst: Float64Array, src: Float64Array) => {
      for (const i of prange(dst.length)) dst[i] = src[dst.length - 1 - i];
    });
    const x = Float64Array.from([1, 2, 3, 4]);
    process.env.PARFOR_ALIASING = "error";
    try {
      expect(() => k(x, x)).toThrow(/PF2008|share memory/);
    } finally {
      delete process.env.PARFOR_ALIASING;
    }
    k(x, x);
    expect(Array.from(x)).toEqual([4, 3, 3, 4]); // the plain function's in-place result
  });
});

describe("the aliasing option", () => {
  test('aliasing: "error" refuses an aliased call; "serial" runs it in order', () => {
    const body = (dst: Float64Array, src: Float64Array) => {
      for (const i of prange(dst.length)) dst[i] = src[dst.length - 1 - i];
    };
    const x = Float64Array.from([1, 2, 3, 4]);
    expect(() => parallel(body, { aliasing: "error", warnings: false })(x, x)).toThrow(TypeError);
    expect(Array.from(x)).toEqual([1, 2, 3, 4]);
    parallel(body, { aliasing: "serial", warnings: false })(x, x);
    expect(Array.from(x)).toEqual([4, 3, 3, 4]);
  });
  test("a bad value is a TypeError naming the option", () => {
    expect(() => parallel((n: number) => n, { aliasing: "warn" as never })).toThrow(/option 'aliasing' must be "serial" or "error"/);
  });
});

describe("review regressions", () => {
  test("the hazard cache keys on globals too: the same function with another K still gets its check", async () => {
    const { vi } = await import("vitest");
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    try {
      const body = (a: Float64Array, b: Float64Array, n: number) => {
        for (const i of prange(n)) a[i] = b[i + K];
      };
      const x = Float64Array.from({ length: 9 }, (_, i) => i);
      parallel(body, { globals: { K: 0 }, threads: 2 })(x, x, 8); // identical views, no dependence at distance 0
      const before = warn.mock.calls.filter((c) => String(c[0]).includes("PF2008") || (c[1] as { code?: string })?.code === "PF2008").length;
      parallel(body, { globals: { K: 1 }, threads: 2 })(x, x, 8);
      const after = warn.mock.calls.filter((c) => String(c[0]).includes("PF2008") || (c[1] as { code?: string })?.code === "PF2008").length;
      expect(after).toBe(before + 1);
    } finally {
      warn.mockRestore();
    }
  });
  test("text the analysis cannot read (a minified bundle) makes every overlapping pair a hazard", async () => {
    const { aliasHazards } = await import("../../compiler/index.js");
    expect(aliasHazards("(a,b,n)=>{for(const i of r(n))a[i]=b[i+1]}")).toBeNull();
  });
});
let K = 0;
void K;
