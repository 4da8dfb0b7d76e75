/**
 * Checked mode on shared scalars: a scalar declared outside a prange that the analysis could
 * neither privatise nor reduce (PF2001) is checked like an array element. Two iterations writing
 * it, or one writing it and another reading it before writing it in that iteration, is a race
 * reported under the variable's name (no index); privatised and reduced scalars never are.
 */
import { afterAll, describe, expect, it } from "vitest";
import { parallel, ParforRaceError, prange, shutdown } from "../../index.js";

afterAll(() => shutdown());

function raceOf(f: () => unknown): ParforRaceError | null {
  try {
    f();
  } catch (e) {
    if (e instanceof ParforRaceError) return e;
    throw e;
  }
  return null;
}

describe("checked mode reports races on shared scalars", () => {
  for (const threads of [1, 2]) {
    it(`every iteration writing a scalar read after the loop is a write-write race (${threads} threads)`, () => {
      const k = parallel(
        (a: Float64Array, out: Float64Array): number => {
          let last = -1;
          for (const i of prange(a.length)) {
            last = a[i] * 2;
            out[i] = last;
          }
          return last;
        },
        { threads, check: "races", warnings: false },
      );
      const err = raceOf(() => k(new Float64Array(16).fill(1), new Float64Array(16)));
      expect(err).not.toBeNull();
      expect(err!.races.length).toBe(1);
      const r = err!.races[0]!;
      expect(r.array).toBe("last");
      expect(r.index).toBeNull();
      expect(r.first.iteration).not.toBe(r.second.iteration);
      expect([r.first.access, r.second.access]).toContain("write");
      expect(err!.message).toMatch(/'last': (write|read) by iteration \d+ at .*\d+:\d+, (write|read) by iteration \d+/);
      expect(err!.message).not.toMatch(/'last'\[/);
    });

    it(`a scalar read before it is written in an iteration races with another iteration's write (${threads} threads)`, () => {
      const k = parallel(
        (out: Float64Array, n: number) => {
          let t = 0;
          for (const i of prange(n)) {
            out[i] = t;
            t = i;
          }
        },
        { threads, check: "races", warnings: false },
      );
      const err = raceOf(() => k(new Float64Array(8), 8));
      expect(err).not.toBeNull();
      const r = err!.races.find((x) => x.array === "t")!;
      expect(r).toBeDefined();
      expect(r.index).toBeNull();
      // the read is at `t` in `out[i] = t`, the write at `t = i`, on different lines
      const read = [r.first, r.second].find((x) => x.access === "read");
      const write = [r.first, r.second].find((x) => x.access === "write")!;
      expect(write.line).toBeGreaterThan(0);
      if (read) expect(read.line).toBeLessThan(write.line);
    });
  }

  it("a shared scalar that only one iteration touches runs clean with the unchecked result", () => {
    const fn = (a: Float64Array): number => {
      let last = -1;
      for (const i of prange(a.length)) {
        if (i === a.length - 1) last = a[i];
      }
      return last;
    };
    const a = Float64Array.from({ length: 100 }, (_, i) => i * 0.5);
    expect(parallel(fn, { threads: 2, check: "races", warnings: false })(a)).toBe(49.5);
  });

  it("privatised and reduced scalars are never reported, and give the unchecked bits", () => {
    const fn = (a: Float64Array, out: Float64Array): number => {
      let x = 0;
      let s = 0;
      let m = -Infinity;
      let found = false;
      for (const i of prange(a.length)) {
        x = a[i] * 2;
        out[i] = x + 1;
        s += x;
        m = Math.max(m, x);
        if (x > 10) found = true;
      }
      return s + m + (found ? 1 : 0);
    };
    const a = Float64Array.from({ length: 1000 }, (_, i) => (i % 17) / 3);
    const o1 = new Float64Array(1000);
    const o2 = new Float64Array(1000);
    const checked = parallel(fn, { threads: 2, check: "races" })(a, o1);
    const plain = parallel(fn, { threads: 2 })(a, o2);
    expect(Object.is(checked, plain)).toBe(true);
    expect(o1).toEqual(o2);
  });
});
