import { describe, expect, test } from "vitest";
import { compile, type ParamType } from "../../compiler/index.js";
import { prange } from "../../runtime/prange.js";
import { runSerial } from "./serial-runtime.js";

function sig(args: unknown[]): ParamType[] {
  return args.map((a) =>
    typeof a === "boolean" ? "b" : typeof a === "number" ? (Number.isInteger(a) && !Object.is(a, -0) && a >= -(2 ** 31) && a < 2 ** 31 ? (a >= 0 && a <= 2 ** 20 ? "s" : "i") : "f") : ((a as object).constructor.name as ParamType),
  );
}

function same(fn: (...a: never[]) => unknown, args: unknown[]) {
  const src = fn.toString();
  const r = compile(src, sig(args));
  if (!r.compiled) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`).join("\n"));
  const copy = (xs: unknown[]) => xs.map((a) => (ArrayBuffer.isView(a) ? (a as Float64Array).slice() : a));
  const a1 = copy(args);
  const a2 = copy(args);
  const expected = (fn as (...a: unknown[]) => unknown)(...a1);
  const got = runSerial(r.compiled, a2);
  return { expected, got, a1, a2, diagnostics: r.diagnostics };
}

describe("compiler smoke", () => {
  test("pi", () => {
    const pi = (nsteps: number): number => {
      const dx = 1 / nsteps;
      let sum = 0;
      for (const i of prange(nsteps)) {
        const x = (i + 0.5) * dx;
        sum += 4 / (1 + x * x);
      }
      return sum * dx;
    };
    const { expected, got } = same(pi, [100000]);
    expect(Math.abs((got as number) - (expected as number))).toBeLessThan(1e-12);
  });
  test("elementwise and int ops", () => {
    const f = (a: Float64Array, b: Int32Array, n: number) => {
      for (const i of prange(n)) {
        a[i] = Math.sqrt(i) * 2 + (i % 3) - (i >> 1);
        b[i] = (i * 7) ^ (i << 3);
      }
    };
    const { a1, a2 } = same(f, [new Float64Array(50), new Int32Array(50), 50]);
    expect(a2).toEqual(a1);
  });
});
