/**
 * The Fourier–Motzkin decision procedure behind the dependence tests (compiler/analysis/fm.ts):
 * infeasible only when no rational (or, with the integer rules, no integer) solution exists.
 */
import { describe, expect, test } from "vitest";
import { type Eq, type Ineq, infeasible } from "../../compiler/analysis/fm.js";

const row = (c: Record<string, number>, k: number, strict = false): Ineq => ({ c: new Map(Object.entries(c)), k, strict });
const eq = (c: Record<string, number>, k: number): Eq => ({ c: new Map(Object.entries(c)), k });
const none = (): boolean => false;
const all = (): boolean => true;

describe("fm", () => {
  test("a feasible box stays feasible, an empty one is infeasible", () => {
    // 0 <= x <= 3, 0 <= y <= 3, and x + y >= 6 (x = y = 3), x + y > 6, x + y >= 7
    const box = [row({ x: 1 }, 0), row({ x: -1 }, 3), row({ y: 1 }, 0), row({ y: -1 }, 3)];
    expect(infeasible([], [...box, row({ x: 1, y: 1 }, -6)], none)).toBe(false);
    expect(infeasible([], [...box, row({ x: 1, y: 1 }, -6, true)], none)).toBe(true);
    expect(infeasible([], [...box, row({ x: 1, y: 1 }, -7)], none)).toBe(true);
  });

  test("equalities are substituted: a triangle's transposed pair has no solution", () => {
    // i1 = j2, j1 = i2, j1 < i1, j2 < i2
    const eqs = [eq({ i1: 1, j2: -1 }, 0), eq({ j1: 1, i2: -1 }, 0)];
    expect(infeasible(eqs, [row({ i1: 1, j1: -1 }, 0, true), row({ i2: 1, j2: -1 }, 0, true)], none)).toBe(true);
    expect(infeasible(eqs, [row({ i1: 1, j1: -1 }, 0), row({ i2: 1, j2: -1 }, 0)], none)).toBe(false);
  });

  test("integers: GCD of an equality, and x > 0 is x >= 1", () => {
    expect(infeasible([eq({ x: 2, y: -2 }, 1)], [], all)).toBe(true);
    expect(infeasible([eq({ x: 2, y: -2 }, 1)], [], none)).toBe(false);
    // 0 < x < 1 has rational solutions only
    expect(infeasible([], [row({ x: 1 }, 0, true), row({ x: -1 }, 1, true)], none)).toBe(false);
    expect(infeasible([], [row({ x: 1 }, 0, true), row({ x: -1 }, 1, true)], all)).toBe(true);
    // 2x = 2y + 2z + 1 after substituting z = w
    expect(infeasible([eq({ z: 1, w: -1 }, 0), eq({ x: 2, y: -2, w: -2 }, -1)], [], all)).toBe(true);
  });

  test("projected rows are tightened too: 1 <= 2d + 1 and 2d <= 0 with 0 <= r <= 1 pins d = 0", () => {
    // r = r2 + 2d, 0 <= r <= 1, 0 <= r2 <= 1, d >= 1: no integer solution
    const rs = [row({ r: 1 }, 0), row({ r: -1 }, 1), row({ r2: 1 }, 0), row({ r2: -1 }, 1), row({ d: 1 }, -1)];
    expect(infeasible([eq({ r: 1, r2: -1, d: -2 }, 0)], rs, all)).toBe(true);
  });
});
