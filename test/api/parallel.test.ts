/**
 * The public boundary of parallel(): option and argument validation (TypeErrors naming them),
 * compile errors, the JS fallback, race warnings once per kernel, positions in diagnostics.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { parallel, prange, ParforCompileError } from "../../index.js";

afterEach(() => {
  vi.restoreAllMocks();
});

const sum = (a: Float64Array): number => {
  let s = 0;
  for (const i of prange(a.length)) s += a[i]!;
  return s;
};

describe("options", () => {
  const bad: [unknown, RegExp][] = [
    [{ threads: 0 }, /option 'threads' must be an integer from 1/],
    [{ threads: 1.5 }, /option 'threads'/],
    [{ threads: "2" }, /option 'threads'/],
    [{ schedule: "auto" }, /option 'schedule' must be "static", "dynamic" or "guided"/],
    [{ schedule: "Guided" }, /option 'schedule'/],
    [{ chunkSize: 0 }, /option 'chunkSize' must be a positive integer/],
    [{ chunkSize: 2.5 }, /option 'chunkSize'/],
    [{ fallback: "python" }, /option 'fallback'/],
    [{ globals: { dx: "0.1" } }, /option 'globals' entry 'dx' must be a number, a boolean or a function/],
    [{ globals: { "not an id": 1 } }, /option 'globals' has a key that is not an identifier/],
    [{ globals: [1] }, /option 'globals' must be an object/],
    [{ warnings: "yes" }, /option 'warnings' must be a boolean/],
    [{ thread: 2 }, /option 'thread' is not an option/],
    [null, /options must be an object, got null/],
    [42, /options must be an object, got number/],
  ];
  for (const [opts, msg] of bad) {
    test(`rejects ${JSON.stringify(opts)}`, () => {
      expect(() => parallel(sum, opts as never)).toThrow(TypeError);
      expect(() => parallel(sum, opts as never)).toThrow(msg);
    });
  }
  test("rejects a non-function", () => {
    expect(() => parallel(42 as never)).toThrow(/fn must be a function, got number/);
  });
  test("valid options are accepted", () => {
    const k = parallel(sum, { threads: 3, schedule: "dynamic", chunkSize: 7, fallback: "error", globals: { g: 1 }, warnings: true });
    expect(k(new Float64Array([1, 2, 3]))).toBe(6);
  });
});

describe("arguments", () => {
  const k = parallel((a: Float64Array, n: number, flag: boolean): number => {
    let s = 0;
    for (const i of prange(n)) s += flag ? a[i]! : 0;
    return s;
  });
  test("wrong counts name the parameters", () => {
    expect(() => (k as unknown as (...a: unknown[]) => unknown)(new Float64Array(2), 2)).toThrow(/expected 3 arguments \(a, n, flag\), got 2/);
    expect(() => (k as unknown as (...a: unknown[]) => unknown)(new Float64Array(2), 2, true, 4)).toThrow(TypeError);
  });
  test("wrong types name the parameter and what it got", () => {
    expect(() => k([1, 2] as never, 2, true)).toThrow(/argument 1 \('a'\) must be a typed array.*got an Array/);
    expect(() => k(new Float64Array(2), "2" as never, true)).toThrow(/argument 2 \('n'\) must be a number or a boolean, got string/);
    expect(() => k(new Float64Array(2), 2, null as never)).toThrow(/argument 3 \('flag'\).*got null/);
  });
  test("the async form rejects with the same TypeError", async () => {
    await expect(k.async([1] as never, 1, true)).rejects.toThrow(TypeError);
  });
});

describe("compile errors", () => {
  test("unsupported code is a ParforCompileError with line, column and advice, from parallel() itself", () => {
    let err: unknown;
    try {
      parallel((n: number): number => {
        const o = { a: n };
        return o.a;
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParforCompileError);
    const e = err as ParforCompileError;
    expect(e.code).toBe("PF1001");
    expect(e.message).toMatch(/An object literal is not supported/);
    expect(e.message).toMatch(/parallel\.test\.ts:\d+:\d+|line \d+:\d+/);
    expect(e.diagnostics.length).toBeGreaterThan(0);
  });
  test("free variables need globals", () => {
    expect(() => parallel((n: number): number => n * dx)).toThrow(/'dx' is not defined inside the kernel/);
    const g = parallel((n: number): number => n * dx, { globals: { dx: 0.25 } });
    expect(g(2)).toBe(0.5);
  });
  test("fallback: 'js' runs the plain function with one warning", () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    const plain = (n: number): string => String(n) + "!";
    const k = parallel(plain as unknown as (n: number) => number, { fallback: "js" });
    expect(k(3)).toBe("3!");
    expect(k(4)).toBe("4!");
    const calls = warn.mock.calls.filter((c) => String(c[0]).includes("plain JavaScript"));
    expect(calls).toHaveLength(1);
  });
});

let dx = 0;
void dx;

describe("race warnings", () => {
  test("emitted once per kernel as ParforSafetyWarning, with a code and the position", () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    const k = parallel((tot: Float64Array, n: number): void => {
      for (const i of prange(n)) tot[0]! += i * tot[1]!; // reads tot[1]: not an array reduction
    });
    const tot = new Float64Array(2);
    k(tot, 10);
    k(tot, 20);
    k(tot, 2 ** 21); // another signature (an int beyond the small-int range): no second warning
    const ours = warn.mock.calls.filter((c) => (c[1] as { type?: string } | undefined)?.type === "ParforSafetyWarning");
    expect(ours).toHaveLength(1);
    expect(String(ours[0]![0])).toMatch(/PF2002/);
    expect((ours[0]![1] as { code: string }).code).toBe("PF2002");
    expect(k.diagnostics.map((d) => d.code)).toEqual(["PF2002"]);
  });
  test("warnings: false silences them; diagnostics stay available", () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    const k = parallel(
      (n: number): number => {
        let v = 0;
        for (const i of prange(n)) v = i;
        return v;
      },
      { warnings: false },
    );
    k(5);
    expect(warn).not.toHaveBeenCalled();
    expect(k.diagnostics[0]!.code).toBe("PF2001");
  });
  test("a clean kernel has no diagnostics", () => {
    expect(parallel(sum).diagnostics).toEqual([]);
  });
});
