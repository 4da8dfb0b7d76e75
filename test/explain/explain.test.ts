/**
 * `explain`: the report per prange, as `parfor explain` prints it (golden text per fixture) and
 * as `kernel.explain(...args)` returns it with a call's facts (copies, threads, aliasing).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { explainFile } from "../../cli/explain.js";
import { array, free } from "../../index.js";
import { expectGolden } from "./golden.js";
import { compileFixtures, runModule } from "./compiled.js";
import { argmin } from "./fixtures/argmin.js";
import { histogram } from "./fixtures/histogram.js";
import { copy, shift } from "./fixtures/race.js";
import { pi } from "./fixtures/reduction.js";
import { axpy } from "./fixtures/two-lane.js";
import { matmul } from "./fixtures/nested.js";

const FIXTURES = ["reduction", "argmin", "histogram", "race", "two-lane", "nested"];
const fixture = (name: string): string => join("test/explain/fixtures", `${name}.ts`);

describe("parfor explain (static)", () => {
  for (const name of FIXTURES) {
    test(`${name}.ts`, () => {
      expectGolden(`${name}.txt`, explainFile(join(process.cwd(), fixture(name))).text);
    });
  }

  test("the facts come from the compiler's phases", () => {
    const r = explainFile(join(process.cwd(), fixture("nested"))).report.kernels;
    const [mm, outer] = r;
    expect(mm!.loops[0]!.hoisted.map((a) => a.text)).toEqual(["a[i * n + k]", "b[k * n + j]", "c[i * n + j]"]);
    expect(outer!.loops.map((l) => [l.parallel, l.parent])).toEqual([[true, null], [false, 0]]);
    const race = explainFile(join(process.cwd(), fixture("race"))).report.kernels[0]!;
    expect(race.loops[0]!.verdicts.map((v) => v.code)).toEqual(["PF2001", "PF2005"]);
    expect(race.loops[0]!.shared).toEqual(["last"]);
  });
});

describe("parfor explain (command line)", () => {
  const cli = join(process.cwd(), "dist/cli/parfor.js");
  const run = (args: string[]) => spawnSync(process.execPath, [cli, "explain", ...args], { encoding: "utf8" });

  test("prints the same report as the golden text; json; usage errors", () => {
    const r = run([fixture("nested"), fixture("histogram")]);
    expect(r.status).toBe(0);
    // files in path order
    expect(r.stdout).toBe(explainFile(join(process.cwd(), fixture("histogram"))).text + "\n" + explainFile(join(process.cwd(), fixture("nested"))).text);
    const j = run(["--format", "json", fixture("argmin")]);
    expect(j.status).toBe(0);
    const parsed = JSON.parse(j.stdout) as { kernels: { name: string; loops: { reductions: { variable: string; operator: string }[] }[] }[] }[];
    expect(parsed[0]!.kernels[0]!.name).toBe("argmin");
    expect(parsed[0]!.kernels[0]!.loops[0]!.reductions.map((x) => `${x.variable} ${x.operator}`)).toEqual(["m argmin", "k carried"]);
    expect(run(["--number", "double", fixture("reduction")]).stdout).toContain("the index is carried as a double");
    expect(run(["--format", "xml"]).status).toBe(2);
    expect(run(["--number", "big"]).status).toBe(2);
    expect(run(["--help"]).stdout).toContain("Usage: parfor explain");
  });
});

describe("kernel.explain(...args)", () => {
  test("a call's facts: copies of ordinary arrays, parfor arrays in place, aliasing", () => {
    const bins = array(Int32Array, 16);
    try {
      const e = histogram.explain(bins, new Float64Array(1000), 0, 0.5);
      expect(String(e)).toBe(e.text);
      expect(e.call.arrays.map((a) => [a.name, a.inPlace])).toEqual([["bins", true], ["data", false]]);
      expect(e.call.copyBytes[0]).toBe(64);
    } finally {
      free(bins);
    }
    expect(pi.explain(1e8).report.loops[0]!.lanes).toBe(2);
    expect(argmin.explain(new Float64Array(10)).report.loops[0]!.reductions.map((r) => r.operator)).toEqual(["argmin", "carried"]);
    expect(matmul.explain(new Float64Array(4), new Float64Array(4), new Float64Array(4), 2).report.loops[0]!.hoisted).toHaveLength(3);
    const a = new Float64Array(9);
    const e = copy.explain(a.subarray(0, 8), a);
    expect(e.call.aliasing).toContain("'dst' and 'src' share memory");
    expect(e.call.threads).toBe(1);
    expect(copy.explain(new Float64Array(8), new Float64Array(9)).call.aliasing).toBeNull();
    expect(shift.explain(new Float64Array(4), new Float64Array(4)).report.loops[0]!.verdicts).toHaveLength(2);
  });

  test("explain runs nothing and the kernel still runs; a bad argument is a TypeError", () => {
    const y = new Float64Array([1, 2, 3]);
    axpy.explain(y, new Float64Array([1, 1, 1]), 2);
    expect([...y]).toEqual([1, 2, 3]);
    axpy(y, new Float64Array([1, 1, 1]), 2);
    expect([...y]).toEqual([3, 4, 5]);
    // @ts-expect-error a missing argument
    expect(() => axpy.explain(y, y)).toThrow(TypeError);
  });

  test("golden text from the built fixtures, in a plain Node process (4 threads)", () => {
    const dir = compileFixtures();
    const r = runModule(`
      import { array, free } from "./dist/index.js";
      import { histogram } from "${dir}/histogram.js";
      import { pi } from "${dir}/reduction.js";
      import { copy, shift } from "${dir}/race.js";
      import { matmul } from "${dir}/nested.js";
      const bins = array(Int32Array, 16);
      const out = [
        histogram.explain(bins, new Float64Array(1000), 0, 0.5),
        pi.explain(1e8),
        matmul.explain(new Float64Array(4), new Float64Array(4), new Float64Array(4), 2),
        shift.explain(new Float64Array(4), new Float64Array(4)),
      ];
      const a = new Float64Array(9);
      out.push(copy.explain(a.subarray(0, 8), a));
      free(bins);
      process.stdout.write(out.join("\\n=====\\n"));
    `);
    expect(r.stderr).toBe("");
    const parts = r.stdout.split("\n=====\n");
    ["call-histogram", "call-pi", "call-matmul", "call-shift", "call-copy-aliased"].forEach((name, i) => expectGolden(`${name}.txt`, parts[i]!));
  });
});
