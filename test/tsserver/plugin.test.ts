/**
 * `parfor/tsserver` through a real TypeScript LanguageService: the plugin is resolved the way
 * tsserver resolves plugin names, loaded with `require` like tsserver does, and its `create`
 * decorates the service.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, test } from "vitest";
import { byCase, cases, fileOf, runtimeFindings } from "../front-doors.js";

const root = process.cwd();
const require = createRequire(import.meta.url);
const virtual = join(root, "test/tsserver/__virtual__");

interface Service {
  readonly ls: ts.LanguageService;
  readonly plain: ts.LanguageService;
  set(file: string, text: string): void;
  refreshed: number;
}

type Init = (m: { typescript: typeof ts }) => ts.server.PluginModule;
let init: Init;
/** the analysis instance the built plugin uses (for its counters) */
let stats: { kernelChecks: number };

beforeAll(() => {
  // a project with parfor installed, as an editor would see it
  const project = mkdtempSync(join(tmpdir(), "issue5-tsserver-"));
  mkdirSync(join(project, "node_modules"));
  symlinkSync(root, join(project, "node_modules/parfor"), "dir");
  const resolved = ts.resolveJSModule("parfor/tsserver", project, ts.sys);
  expect(resolved.endsWith("dist/tsserver/index.cjs")).toBe(true);
  init = require(resolved) as Init;
  stats = (require(join(root, "dist/eslint/analysis.js")) as { analysisStats: { kernelChecks: number } }).analysisStats;
});

/** shared, so lib.d.ts and parfor's sources are parsed once for all the services */
const registry = ts.createDocumentRegistry();

function service(config: object = {}): Service {
  const files = new Map<string, { text: string; version: number }>();
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    types: ["node"],
    skipLibCheck: true,
    allowJs: true,
    noEmit: true,
  };
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [...files.keys()],
    getScriptVersion: (f) => String(files.get(f)?.version ?? 0),
    getScriptSnapshot: (f) => {
      const text = files.get(f)?.text ?? ts.sys.readFile(f);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => files.has(f) || ts.sys.fileExists(f),
    readFile: (f) => files.get(f)?.text ?? ts.sys.readFile(f),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const plain = ts.createLanguageService(host, registry);
  const s: Service = {
    plain,
    ls: plain,
    refreshed: 0,
    set(file, text) {
      files.set(file, { text, version: (files.get(file)?.version ?? 0) + 1 });
    },
  };
  const project = {
    projectService: { logger: { info: () => undefined } },
    refreshDiagnostics: () => void s.refreshed++,
  } as unknown as ts.server.Project;
  const info = { languageService: plain, languageServiceHost: host, project, serverHost: ts.sys, config: { name: "parfor/tsserver", ...config } } as unknown as ts.server.PluginCreateInfo;
  (s as { ls: ts.LanguageService }).ls = init({ typescript: ts }).create(info);
  return s;
}

const ours = (ds: readonly ts.Diagnostic[]) => ds.filter((d) => d.source === "parfor");
const where = (d: ts.Diagnostic) => {
  const lc = d.file!.getLineAndCharacterOfPosition(d.start!);
  return `${lc.line + 1}:${lc.character + 1}+${d.length} ${d.file!.text.slice(d.start!, d.start! + d.length!)}`;
};

describe("parfor/tsserver", () => {
  test("the race examples get their diagnostic at the right span; the clean examples get none", () => {
    const s = service();
    const dir = join(root, "examples");
    const names = readdirSync(dir).filter((f) => f.endsWith(".ts"));
    for (const n of names) s.set(join(dir, n), readFileSync(join(dir, n), "utf8"));
    const found: string[] = [];
    for (const n of names) {
      for (const d of ours(s.ls.getSemanticDiagnostics(join(dir, n)))) {
        expect(d.category).toBe(ts.DiagnosticCategory.Warning);
        expect(d.messageText as string).toMatch(/^PF200[12]: /);
        found.push(`${n} ${d.code} ${where(d)}`);
      }
    }
    expect(found).toEqual(["race-accumulate.ts 1002002 13:5+20 tot[0] += i * tot[1]", "race-last-write.ts 1002001 13:5+7 val = i"]);
  }, 30_000);

  test("the editor's other diagnostics are untouched", () => {
    const s = service();
    const file = join(virtual, "mixed.ts");
    s.set(file, 'import { prange } from "../../../index.js";\nconst bad: number = "text";\nexport const f = (n: number): number => {\n  let v = 0;\n  for (const i of prange(n)) v = i;\n  return v;\n};\n');
    const decorated = s.ls.getSemanticDiagnostics(file);
    const plain = s.plain.getSemanticDiagnostics(file);
    expect(plain.map((d) => d.code)).toContain(2322);
    expect(decorated.slice(0, plain.length)).toEqual(plain);
    expect(ours(decorated).map(where)).toEqual(["5:30+5 v = i"]);
    expect(s.ls.getSyntacticDiagnostics(file)).toEqual(s.plain.getSyntacticDiagnostics(file));
  });

  test("an accumulation into one element is an array reduction: no diagnostic (so no quick fix)", () => {
    const s = service();
    const file = join(virtual, "acc.js");
    s.set(file, "export function acc(tot, n) {\n  for (const i of prange(n)) {\n    tot[0] += i;\n  }\n}\n");
    expect(ours(s.ls.getSemanticDiagnostics(file))).toEqual([]);
  });

  test("suppression comments: `// parfor-ignore PF2001 reason` and ESLint's `eslint-disable-next-line parfor/...`", () => {
    const s = service();
    const file = join(virtual, "ignored.ts");
    const kernel = (comment: string) => `export const f = (n: number): number => {\n  let v = 0;\n  for (const i of prange(n)) {\n${comment}    v = i;\n  }\n  return v;\n};\n`;
    const found = (comment: string) => {
      s.set(file, kernel(comment));
      return ours(s.ls.getSemanticDiagnostics(file)).map((d) => (d.messageText as string).slice(0, 6));
    };
    expect(found("")).toEqual(["PF2001"]);
    expect(found("    // parfor-ignore PF2001 only the last value matters\n")).toEqual([]);
    expect(found("    // eslint-disable-next-line parfor/scalar-race\n")).toEqual([]);
    expect(found("    // eslint-disable-next-line\n")).toEqual([]);
    expect(found("    // eslint-disable-next-line parfor/shared-element-race\n")).toEqual(["PF2001"]);
    expect(found("    // parfor-ignore PF2005\n")).toEqual(["PF2001"]);
  });

  test("silence or escalate a warning by name; errors stay errors", () => {
    const racy = "export const f = (n: number): number => { let v = 0; for (const i of prange(n)) v = i; return v; };\n";
    const broken = "export const g = (a: Float64Array, n: number): void => { for (const i of prange(n)) a[i] = K; };\n";
    const check = (config: object) => {
      const s = service(config);
      const file = join(virtual, "levels.ts");
      s.set(file, racy + broken);
      return ours(s.ls.getSemanticDiagnostics(file)).map((d) => `${(d.messageText as string).slice(0, 6)} ${ts.DiagnosticCategory[d.category]}`);
    };
    expect(check({})).toEqual(["PF2001 Warning", "PF1002 Error"]);
    expect(check({ diagnostics: { "scalar-race": "off", "free-variable": "off" } })).toEqual(["PF1002 Error"]);
    expect(check({ diagnostics: { "scalar-race": "error" } })).toEqual(["PF2001 Error", "PF1002 Error"]);
  });

  test("agrees with the run time on argmin/argmax, array reductions and Atomics (test/front-doors.ts)", async () => {
    const s = service();
    const bad: string[] = [];
    for (const ts of [true, false]) {
      const { text, prefix } = fileOf(ts);
      const file = join(virtual, ts ? "agree.ts" : "agree.js");
      s.set(file, text);
      const found = ours(s.ls.getSemanticDiagnostics(file)).map((d) => {
        const lc = d.file!.getLineAndCharacterOfPosition(d.start!);
        return { line: lc.line + 1, column: lc.character + 1, code: (d.messageText as string).slice(0, 6) };
      });
      const got = byCase(found, prefix);
      for (const [n, k] of cases.entries()) {
        const want = ts ? await runtimeFindings(k) : [...(k.js ?? k.expect)].sort();
        if (JSON.stringify(got[n]) !== JSON.stringify(want)) bad.push(`${ts ? "ts" : "js"} ${k.name}: tsserver ${got[n]!.join(" ")}, run time ${want.join(" ")}`);
      }
    }
    expect(bad).toEqual([]);
  }, 60_000);

  test("a keystroke re-analyses only the kernel it changed", () => {
    const s = service();
    const file = join(virtual, "three.ts");
    const kernel = (k: number, body: string) => `export const k${k} = (a: Float64Array, n: number): number => {\n  let v = 0;\n  for (const i of prange(n)) { ${body} }\n  return v;\n};\n`;
    const text = kernel(1, "a[i] = i;") + kernel(2, "v = i;") + kernel(3, "a[i] = 2 * i;");
    s.set(file, text);
    expect(ours(s.ls.getSemanticDiagnostics(file)).map(where)).toEqual(["8:32+5 v = i"]);
    let before = stats.kernelChecks;
    s.set(file, text.replace("a[i] = 2 * i;", "a[i] = 3 * i;"));
    expect(ours(s.ls.getSemanticDiagnostics(file))).toHaveLength(1);
    expect(stats.kernelChecks - before).toBe(1);
    // lines added above: every kernel moved, none changed, none analysed again; spans follow
    before = stats.kernelChecks;
    s.set(file, "// a comment\n\n" + text.replace("a[i] = 2 * i;", "a[i] = 3 * i;"));
    expect(ours(s.ls.getSemanticDiagnostics(file)).map(where)).toEqual(["10:32+5 v = i"]);
    expect(stats.kernelChecks - before).toBe(0);
  });
  test("module-level helpers are bound without options: no compile error, and a helper's race shows at the call", () => {
    const s = service();
    const file = join(virtual, "helpers.ts");
    s.set(file, [
      'import { prange } from "../../../index.js";',
      "const K = 3;",
      "function scale(x: number): number { return x * K; }",
      "const put = (out: Float64Array, v: number): void => { out[0] = v; };",
      "export const clean = (a: Float64Array): void => { for (const i of prange(a.length)) a[i] = scale(a[i]); };",
      "export const racy = (a: Float64Array): void => { for (const i of prange(a.length)) put(a, i); };",
      "",
    ].join("\n"));
    const ds = ours(s.ls.getSemanticDiagnostics(file));
    expect(ds.map((d) => `${(d.messageText as string).slice(0, 6)} ${ts.DiagnosticCategory[d.category]} ${where(d).split(" ")[0]}`)).toEqual(["PF2002 Warning 6:84+9"]);
  });
});
