/**
 * The check the compiler's optimisation tests share: a kernel compiled at 1, 2 and 3 threads
 * returns and writes exactly (Object.is) what the plain function does from the same inputs.
 */
import { expect } from "vitest";
import { parallel } from "../../index.js";

export function samePlain<A extends unknown[]>(fn: (...a: A) => unknown, make: () => A): void {
  const ref = make();
  const expected = fn(...ref);
  for (const threads of [1, 2, 3]) {
    const args = make();
    const got = parallel(fn, { threads, warnings: false })(...(args as never[]));
    expect(Object.is(got, expected), `threads ${threads}: ${String(got)} vs ${String(expected)}`).toBe(true);
    args.forEach((a, i) => {
      if (ArrayBuffer.isView(a)) expect(Array.from(a as Float64Array), `threads ${threads}, argument ${i}`).toEqual(Array.from(ref[i] as Float64Array));
    });
  }
}

export const seq = (n: number, f: (i: number) => number): Float64Array => Float64Array.from({ length: n }, (_, i) => f(i));
