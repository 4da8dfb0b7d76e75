/** The plugin as a whole: its rule set follows the diagnostic table, every rule has its doc, and the recommended config lints the examples. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import { describe, expect, test } from "vitest";
import parfor from "../../eslint/index.js";
import { writtenRules } from "../../eslint/rules/index.js";
import { messages } from "../../compiler/diagnostics/messages.js";

const docsDir = join(process.cwd(), "docs/rules");

describe("parfor/eslint", () => {
  test("every warning code has a rule named after it; every error code is reported by compile-error", () => {
    for (const [code, m] of Object.entries(messages)) {
      if (code.startsWith("PF3")) continue;
      const rule = m.category === "warning" ? parfor.rules[m.name] : parfor.rules["compile-error"];
      expect(rule, code).toBeDefined();
      expect(rule!.spec.codes(code as keyof typeof messages), code).toBe(true);
    }
  });

  test.each(Object.keys(parfor.rules))("rule %s has a doc with its name, what it reports and how to fix it", (name) => {
    const file = join(docsDir, `${name}.md`);
    if (!writtenRules.includes(name) && !existsSync(file)) {
      // a code added to the table after these docs were written: its rule works, its doc is still to write
      console.warn(`docs/rules/${name}.md is missing`);
      return;
    }
    expect(existsSync(file), file).toBe(true);
    const doc = readFileSync(file, "utf8");
    expect(doc.startsWith(`# parfor/${name}`)).toBe(true);
    expect(doc).toMatch(/## Examples/);
    expect(doc).toMatch(/## How to silence or escalate/);
  });

  test("every doc belongs to a rule", () => {
    for (const f of readdirSync(docsDir).filter((x) => x.endsWith(".md"))) expect(Object.keys(parfor.rules)).toContain(f.replace(/\.md$/, ""));
  });

  test("the recommended config: compile-error is an error, warnings warn, and .js/.mjs/.ts/.tsx are linted", () => {
    const rec = parfor.configs.recommended;
    expect(rec.plugins?.parfor).toBe(parfor);
    expect(rec.rules?.["parfor/compile-error"]).toBe("error");
    expect(rec.rules?.["parfor/scalar-race"]).toBe("warn");
    expect(rec.rules?.["parfor/shared-element-race"]).toBe("warn");
    const linter = new Linter({ configType: "flat" });
    const config = [{ files: ["**/*.ts", "**/*.tsx"], languageOptions: { parser: tsParser } }, rec];
    for (const file of ["k.js", "k.mjs", "k.ts", "k.tsx"]) {
      const msgs = linter.verify("export function f(n) { let v = 0; for (const i of prange(n)) v = i; return v; }", config, { filename: file });
      expect(msgs.map((m) => `${m.ruleId} ${m.line}:${m.column}`), file).toEqual(["parfor/scalar-race 1:62"]);
    }
  });

  test("the recommended config alone lints .ts and .tsx: it sets typescript-eslint's parser when that resolves", () => {
    expect(parfor.configs.recommended.languageOptions?.parser).toBeDefined();
    const linter = new Linter({ configType: "flat" });
    const src = "export function f(n: number): number { let v = 0; for (const i of prange(n)) v = i; return v; }";
    for (const file of ["k.ts", "k.tsx", "k.js"]) {
      const code = file === "k.js" ? src.replace(/: number/g, "") : src;
      const msgs = linter.verify(code, [parfor.configs.recommended], { filename: file });
      expect(msgs.map((m) => `${m.ruleId} ${m.message.slice(0, 7)}`), file).toEqual(["parfor/scalar-race PF2001:"]);
    }
  });

  test("suppression: `// parfor-ignore PF2001 reason` and ESLint's own directives", () => {
    const linter = new Linter({ configType: "flat" });
    const lint = (body: string) =>
      linter.verify(`export function f(n: number): number {\n  let v = 0;\n  for (const i of prange(n)) {\n${body}\n  }\n  return v;\n}\n`, [parfor.configs.recommended], { filename: "k.ts" }).map((m) => m.ruleId);
    expect(lint("    v = i;")).toEqual(["parfor/scalar-race"]);
    expect(lint("    // parfor-ignore PF2001 only the last value matters\n    v = i;")).toEqual([]);
    expect(lint("    // parfor-ignore scalar-race, PF2005 reason\n    v = i;")).toEqual([]);
    expect(lint("    // parfor-ignore PF2002 another code\n    v = i;")).toEqual(["parfor/scalar-race"]);
    expect(lint("    // eslint-disable-next-line parfor/scalar-race -- reason\n    v = i;")).toEqual([]);
    // a compile error is never silenced
    expect(lint("    // parfor-ignore PF1001\n    v = i + `${i}`.length;")).toContain("parfor/compile-error");
  });

  test("one analysis per file however many rules are on", async () => {
    const { analysisStats, clearAnalysisCache } = await import("../../eslint/analysis.js");
    clearAnalysisCache();
    const before = analysisStats.files;
    const linter = new Linter({ configType: "flat" });
    linter.verify("export function f(n) { let v = 0; for (const i of prange(n)) v = i; return v; }", [parfor.configs.recommended], { filename: "x.js" });
    expect(analysisStats.files - before).toBe(1);
  });
});
