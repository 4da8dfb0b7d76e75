/** Kernel names from what `parallel(...)` is bound to, read at the call site. */
import { describe, expect, test } from "vitest";
import * as parfor from "../../index.js";
import { parallel, prange } from "../../index.js";

const name = (k: { explain(a: Float64Array): { report: { name: string } } }): string => k.explain(new Float64Array(2)).report.name;

describe("kernel names", () => {
  test("a const, a property, an assignment, a namespace call; a named function keeps its name", () => {
    const smooth = parallel((a: Float64Array) => {
      for (const i of prange(a.length)) a[i] = i;
    });
    const table = {
      fill: parallel((a: Float64Array) => {
        for (const i of prange(a.length)) a[i] = 1;
      }),
    };
    const holder: { k?: typeof smooth } = {};
    holder.k = parallel((a: Float64Array) => {
      for (const i of prange(a.length)) a[i] = 2;
    });
    const viaNamespace = parfor.parallel((a: Float64Array) => {
      for (const i of prange(a.length)) a[i] = 3;
    });
    const renamed = parallel(function own(a: Float64Array) {
      for (const i of prange(a.length)) a[i] = 4;
    });
    expect([name(smooth), name(table.fill), name(holder.k), name(viaNamespace), name(renamed)]).toEqual(["smooth", "fill", "k", "viaNamespace", "own"]);
  });
});
