/** `parfor check` end to end: the built CLI on the examples and on temporary files. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

const cli = join(process.cwd(), "dist/cli/parfor.js");
const run = (args: string[], cwd = process.cwd()) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8" });

describe("parfor check", () => {
  test("reports exactly the two race examples in examples/", () => {
    const r = run(["check", "examples", "--format", "json"]);
    expect(r.status).toBe(1);
    const ds = JSON.parse(r.stdout) as { file: string; code: string; line: number; column: number; severity: string }[];
    expect(ds.map((d) => [d.file.split("/").pop(), d.code, d.severity])).toEqual([
      ["race-accumulate.ts", "PF2002", "warning"],
      ["race-last-write.ts", "PF2001", "warning"],
    ]);
    for (const d of ds) expect(d.line).toBeGreaterThan(1);
  });

  test("text output has file:line:col, the code and a code frame; exit 0 when clean", () => {
    const dir = mkdtempSync(join(tmpdir(), "parfor-cli-"));
    writeFileSync(join(dir, "racy.js"), `import { prange } from "parfor";\nexport function f(tot, n) {\n  for (const i of prange(n)) {\n    tot[0] += i * tot[1];\n  }\n}\n`);
    writeFileSync(join(dir, "clean.ts"), `import { prange } from "parfor";\nexport const g = (a: Float64Array) => { for (const i of prange(a.length)) a[i] = i; };\n`);
    const racy = run(["check", "racy.js"], dir);
    expect(racy.status).toBe(1);
    expect(racy.stdout).toContain("racy.js:4:5 - warning PF2002:");
    expect(racy.stdout).toContain("> 4 |     tot[0] += i * tot[1];");
    const clean = run(["check", "clean.ts"], dir);
    expect(clean.status).toBe(0);
    expect(clean.stdout.trim()).toBe("");
  });

  test("a file that does not parse is reported and the others are still checked", () => {
    const dir = mkdtempSync(join(tmpdir(), "parfor-cli-"));
    writeFileSync(join(dir, "broken.ts"), `export const f = (n) => { for (const i of prange(n)) { `);
    writeFileSync(join(dir, "racy.ts"), `export const f = (n: number) => { let v = 0; for (const i of prange(n)) { v = i; } return v; };`);
    const r = run(["check", ".", "--format", "json"], dir);
    expect(r.status).toBe(1);
    const codes = (JSON.parse(r.stdout) as { file: string; code: string }[]).map((d) => `${d.file.split("/").pop()} ${d.code}`);
    expect(codes).toEqual(["broken.ts PF1009", "racy.ts PF2001"]);
  });

  test("--max-warnings, --quiet, sarif and usage errors", () => {
    expect(run(["check", "examples", "--max-warnings", "2"]).status).toBe(0);
    expect(run(["check", "examples", "--max-warnings", "1"]).status).toBe(1);
    expect(run(["check", "examples", "--quiet"]).stdout.trim()).toBe("");
    const sarif = JSON.parse(run(["check", "examples", "--format", "sarif"]).stdout);
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].results).toHaveLength(2);
    expect(run(["check", "--format", "xml"]).status).toBe(2);
    expect(run(["frobnicate"]).status).toBe(2);
    expect(run(["check", "--max-warnings", "-3"]).status).toBe(2);
    expect(run(["check", "no/such/*.ts"]).status).toBe(2);
  });

  test("suppression comments; SARIF help links and related locations", () => {
    const dir = mkdtempSync(join(tmpdir(), "parfor-cli-"));
    const kernel = (comment: string) => `export function f(a, n) {\n  let v = 0;\n  for (const i of prange(n)) {\n${comment}    v = i;\n    a[i + 1] = a[i];\n  }\n  return v;\n}\n`;
    writeFileSync(join(dir, "plain.js"), kernel(""));
    writeFileSync(join(dir, "ignored.js"), kernel("    // parfor-ignore PF2001 only the last value matters\n"));
    writeFileSync(join(dir, "eslint.js"), kernel("    // eslint-disable-next-line parfor/scalar-race -- reason\n"));
    const codes = (f: string) => (JSON.parse(run(["check", f, "--format", "json"], dir).stdout) as { code: string }[]).map((d) => d.code);
    expect(codes("plain.js")).toEqual(["PF2001", "PF2005"]);
    expect(codes("ignored.js")).toEqual(["PF2005"]);
    expect(codes("eslint.js")).toEqual(["PF2005"]);
    const sarif = JSON.parse(run(["check", "plain.js", "--format", "sarif"], dir).stdout);
    const rules = sarif.runs[0].tool.driver.rules as { id: string; helpUri: string }[];
    expect(rules.find((r) => r.id === "PF2005")!.helpUri).toBe("https://github.com/parfor/parfor/blob/main/docs/diagnostics.md#pf2005");
    const results = sarif.runs[0].results as { ruleId: string; ruleIndex: number; relatedLocations?: { physicalLocation: { region: { startLine: number; startColumn: number } }; message: { text: string } }[] }[];
    const race = results.find((r) => r.ruleId === "PF2005")!;
    expect(rules[race.ruleIndex]!.id).toBe("PF2005");
    expect(race.relatedLocations!.map((l) => `${l.physicalLocation.region.startLine}:${l.physicalLocation.region.startColumn} ${l.message.text}`)).toEqual(["5:16 'a[i]' is read here"]);
    expect(results.find((r) => r.ruleId === "PF2001")!.relatedLocations![0]!.message.text).toBe("'v' is read here");
  });

  test("without paths: the files of ./tsconfig.json, else the folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "parfor-cli-"));
    mkdirSync(join(dir, "src"));
    mkdirSync(join(dir, "other"));
    writeFileSync(join(dir, "src", "racy.ts"), `export const f = (a: Float64Array, n: number) => { for (const i of prange(n)) a[i + 1] = a[i]; };\n`);
    writeFileSync(join(dir, "other", "racy2.ts"), `export const g = (t: Float64Array, n: number) => { for (const i of prange(n)) t[0] += i * t[1]; };\n`);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true }, include: ["src"] }));
    const withProject = run(["check", "--format", "json"], dir);
    expect(withProject.status).toBe(1);
    expect((JSON.parse(withProject.stdout) as { file: string; code: string }[]).map((d) => `${d.file.split("/").pop()} ${d.code}`)).toEqual(["racy.ts PF2005"]);
    rmSync(join(dir, "tsconfig.json"));
    const folder = run(["check", "--format", "json"], dir);
    expect((JSON.parse(folder.stdout) as { file: string; code: string }[]).map((d) => `${d.file.split("/").pop()} ${d.code}`)).toEqual(["racy2.ts PF2002", "racy.ts PF2005"]);
  });

  test("json carries the related location of the other access in the message's array", () => {
    const dir = mkdtempSync(join(tmpdir(), "parfor-cli-"));
    writeFileSync(join(dir, "dep.ts"), `export const f = (a: Float64Array, idx: Int32Array, n: number) => {\n  for (const i of prange(n)) {\n    a[idx[i]] += a[0];\n  }\n};\n`);
    const r = run(["check", "dep.ts", "--format", "json"], dir);
    const ds = JSON.parse(r.stdout) as { code: string; line: number; column: number; message: string }[];
    expect(ds.map((d) => [d.code, d.line, d.column])).toEqual([["PF2006", 3, 5]]);
    expect(ds[0]!.message).toContain("index array");
  });
});

describe("globals bound per kernel", () => {
  test("each kernel gets the globals of its own parallel() call, negative literals included", () => {
    const dir = mkdtempSync(join(tmpdir(), "parfor-cli-"));
    writeFileSync(
      join(dir, "g.ts"),
      [
        `import { parallel, prange } from "parfor";`,
        `export const a = parallel((x: Float64Array) => { for (const i of prange(x.length - 1)) x[i] = x[i + M]; }, { globals: { M: -1 } });`,
        `export const b = parallel((n: number) => { let s = 0; for (const i of prange(n)) s += N; return s; });`,
        `export const c = parallel((n: number) => n * N, { globals: { N: 2 } });`,
        ``,
      ].join("\n"),
    );
    const r = run(["check", "g.ts", "--format", "json"], dir);
    const ds = (JSON.parse(r.stdout) as { line: number; code: string }[]).map((d) => `${d.line}:${d.code}`);
    expect(ds).toEqual(["2:PF2005", "3:PF1002"]);
  });
});
