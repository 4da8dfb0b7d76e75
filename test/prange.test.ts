/** `prange` in plain JavaScript: an ordinary iterable following Python's range, integers only. */
import { describe, expect, it } from "vitest";
import { prange } from "../index.js";

const list = (r: Iterable<number>) => [...r];

describe("prange iteration values", () => {
  it("prange(stop) counts 0..stop-1", () => {
    expect(list(prange(5))).toEqual([0, 1, 2, 3, 4]);
    expect(list(prange(1))).toEqual([0]);
  });
  it("prange(start, stop) counts start..stop-1, negative starts included", () => {
    expect(list(prange(2, 6))).toEqual([2, 3, 4, 5]);
    expect(list(prange(-3, 1))).toEqual([-3, -2, -1, 0]);
  });
  it("prange(start, stop, step) with steps that do not divide the span", () => {
    expect(list(prange(0, 10, 3))).toEqual([0, 3, 6, 9]);
    expect(list(prange(0, 10, 4))).toEqual([0, 4, 8]);
    expect(list(prange(1, 2, 100))).toEqual([1]);
  });
  it("negative steps count down, exclusive of stop", () => {
    expect(list(prange(5, 0, -1))).toEqual([5, 4, 3, 2, 1]);
    expect(list(prange(10, -1, -4))).toEqual([10, 6, 2]);
    expect(list(prange(0, -3, -1))).toEqual([0, -1, -2]);
  });
  it("empty ranges: stop <= start (positive step), stop >= start (negative step)", () => {
    expect(list(prange(0))).toEqual([]);
    expect(list(prange(-4))).toEqual([]);
    expect(list(prange(3, 3))).toEqual([]);
    expect(list(prange(4, 3))).toEqual([]);
    expect(list(prange(3, 4, -1))).toEqual([]);
    expect(list(prange(3, 3, -1))).toEqual([]);
  });
  it("length matches the number of values", () => {
    const cases: [number, number, number][] = [[0, 10, 3], [10, 0, -3], [5, 5, 1], [0, 1, 7], [-7, 7, 2], [7, -7, -5], [0, -5, 1]];
    for (const [a, b, s] of cases) {
      const r = prange(a, b, s);
      expect(r.length, `prange(${a}, ${b}, ${s})`).toBe(list(r).length);
      expect([r.start, r.stop, r.step]).toEqual([a, b, s]);
    }
    expect(prange(9).length).toBe(9);
    expect(prange(2, 9).step).toBe(1);
  });
  it("a range can be iterated more than once and by independent iterators", () => {
    const r = prange(3);
    expect(list(r)).toEqual([0, 1, 2]);
    expect(list(r)).toEqual([0, 1, 2]);
    const x = r[Symbol.iterator]();
    const y = r[Symbol.iterator]();
    expect([x.next().value, x.next().value, y.next().value]).toEqual([0, 1, 0]);
  });
  it("a -0 start yields +0 as the first value; -0 stop behaves as 0", () => {
    const first = list(prange(-0, 2))[0]!;
    expect(Object.is(first, 0)).toBe(true);
    expect(Object.is(list(prange(-0, 3, 2))[0], 0)).toBe(true);
    expect(Object.is(prange(-0, 1).start, 0)).toBe(true);
    expect(list(prange(-0))).toEqual([]);
    expect(list(prange(2, -0, -1))).toEqual([2, 1]);
  });
  it("large safe-integer bounds beyond int32 work in plain JavaScript", () => {
    expect(list(prange(2 ** 40, 2 ** 40 + 3))).toEqual([2 ** 40, 2 ** 40 + 1, 2 ** 40 + 2]);
    expect(prange(0, Number.MAX_SAFE_INTEGER, 2 ** 50).length).toBe(8);
  });
  it("works with for...of as a kernel uses it", () => {
    let s = 0;
    for (const i of prange(1, 101)) s += i;
    expect(s).toBe(5050);
  });
});

describe("prange argument validation", () => {
  const call = (...args: unknown[]) => () => (prange as unknown as (...a: unknown[]) => unknown)(...args);
  it("wrong arity is a TypeError", () => {
    expect(call()).toThrow(TypeError);
    expect(call()).toThrow(/1 to 3 arguments, got 0/);
    expect(call(0, 1, 1, 1)).toThrow(TypeError);
    expect(call(0, 1, 1, 1)).toThrow(/got 4/);
  });
  it("non-integers are a TypeError naming the argument", () => {
    expect(call(2.5)).toThrow(TypeError);
    expect(call(2.5)).toThrow(/stop/);
    expect(call(0.5, 3)).toThrow(/start/);
    expect(call(0, 3.5)).toThrow(/stop/);
    expect(call(0, 3, 1.5)).toThrow(/step/);
    for (const bad of [NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53), 1e300]) expect(call(bad), String(bad)).toThrow(TypeError);
  });
  it("non-numbers are a TypeError (no coercion of strings, booleans, null, undefined, bigint)", () => {
    for (const bad of ["3", true, null, undefined, 3n, {}, [3]]) {
      expect(call(bad), String(bad)).toThrow(TypeError);
      expect(call(0, bad), String(bad)).toThrow(TypeError);
    }
    expect(call(null)).toThrow(/got null/);
    expect(call(0, 5, "1")).toThrow(/step must be a number, got string/);
    expect(call(0, 5, undefined)).toThrow(TypeError);
  });
  it("step 0 (and -0) is a RangeError", () => {
    expect(call(0, 5, 0)).toThrow(RangeError);
    expect(call(0, 5, -0)).toThrow(RangeError);
    expect(call(0, 5, 0)).toThrow(/step must not be zero/);
  });
  it("validation happens at the call, before iteration", () => {
    let iterated = false;
    expect(() => { for (const _ of prange(0, 3, 0)) iterated = true; }).toThrow(RangeError);
    expect(iterated).toBe(false);
  });
});
