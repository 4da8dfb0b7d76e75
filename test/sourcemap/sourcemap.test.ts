/**
 * Run-time positions through source maps: a tsc-compiled fixture (dist/test/sourcemap/fixtures,
 * with .js.map files, and again with inline maps) run by a plain Node, with and without
 * --enable-source-maps. Out-of-bounds RangeErrors, race warnings and ParforRaceError positions
 * point into the .ts; kernels are named after what they are bound to.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { compileFixtures, runModule } from "../explain/compiled.js";

const SOURCE = "test/sourcemap/fixtures/positions.ts";
const text = readFileSync(join(process.cwd(), SOURCE), "utf8");
/** `file:line:column` of the first occurrence of `needle` in the .ts fixture. */
function at(needle: string): string {
  const i = text.indexOf(needle);
  const before = text.slice(0, i).split("\n");
  return `${SOURCE}:${before.length}:${before[before.length - 1]!.length + 1}`;
}

const program = (dir: string) => `
  import { smooth, kernels, scatter } from "${dir}/positions.js";
  const out = [];
  try { smooth(new Float64Array(4), new Float64Array(4), 4); } catch (e) { out.push(e.constructor.name + ": " + e.message); }
  kernels.last(new Float64Array(4));
  try { scatter(new Float64Array(4), new Int32Array([0, 1, 1, 2])); } catch (e) {
    out.push(e.constructor.name + ": " + e.message.split("\\n")[0]);
    out.push(e.races[0].second.file + ":" + e.races[0].second.line + ":" + e.races[0].second.column);
  }
  out.push(kernels.last.explain(new Float64Array(2)).report.name);
  out.push(String(smooth.explain(new Float64Array(4), new Float64Array(5), 4)).split("\\n").find((l) => l.startsWith("prange #0")));
  process.stdout.write(out.join("\\n"));
`;

let mapped = "";
beforeAll(() => {
  mapped = compileFixtures("test/sourcemap/fixtures");
});

describe.each([
  ["a .js.map file", () => mapped, []],
  ["a .js.map file, --enable-source-maps", () => mapped, ["--enable-source-maps"]],
])("positions through %s", (_what, dir, flags) => {
  test("RangeError, race warning, ParforRaceError and explain point into the .ts; names from bindings", () => {
    const r = runModule(program(dir()), flags as string[]);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe(`RangeError: parfor: index 4 is out of bounds for array 'a' (length 4) at ${at("a[i + 1]")}`);
    expect(lines[1]).toMatch(new RegExp(`^ParforRaceError: parfor: kernel 'scatter' raced in checked mode`));
    expect(lines[2]).toBe(at("bins[data[i]] = i"));
    expect(lines[3]).toBe("last");
    expect(lines[4]).toBe(`prange #0 at ${at("prange(n)")}: prange(n), index i`);
    expect(r.stderr).toContain(`${at("v = a[i]")} PF2001 (scalar-race): 'v' is assigned`);
    expect(r.stderr).not.toContain("dist/test/sourcemap");
  });
});

test("an inline source map (data: URL) works the same", () => {
  const inline = compileFixtures("test/sourcemap/fixtures", true);
  const r = runModule(program(inline));
  expect(r.stdout.split("\n")[0]).toBe(`RangeError: parfor: index 4 is out of bounds for array 'a' (length 4) at ${at("a[i + 1]")}`);
  expect(readFileSync(join(inline, "positions.js"), "utf8")).toContain("sourceMappingURL=data:application/json;base64,");
});
