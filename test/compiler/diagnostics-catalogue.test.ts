/**
 * The diagnostics catalogue: docs/diagnostics.md is the rendering of the table, every code has
 * an entry, and every catalogue example of a compile-time code triggers its code.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { check } from "../../compiler/index.js";
import { catalogue, renderCatalogue } from "../../compiler/diagnostics/catalogue.js";
import { type Code, messages } from "../../compiler/diagnostics/messages.js";

describe("diagnostics catalogue", () => {
  test("docs/diagnostics.md is the rendered table", () => {
    const text = renderCatalogue();
    if (process.env.UPDATE_DOCS === "1" || !existsSync("docs/diagnostics.md")) writeFileSync("docs/diagnostics.md", text);
    expect(readFileSync("docs/diagnostics.md", "utf8")).toBe(text);
  });

  test("every code has an explanation, a fix and an example", () => {
    for (const code of Object.keys(messages) as Code[]) {
      const e = catalogue[code];
      expect(e, code).toBeDefined();
      expect(e.explain.length, code).toBeGreaterThan(30);
      expect(e.fix.length, code).toBeGreaterThan(10);
    }
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(messages).sort());
  });

  test("the example of every loop-analysis and front-end code triggers that code", () => {
    for (const code of Object.keys(messages) as Code[]) {
      // PF1015 is an internal failure no kernel should cause (limits.test.ts triggers it through a throwing globals getter)
      if (!/^PF(1|200[0-7])/.test(code) || code === "PF1015") continue;
      const ds = check(catalogue[code].example).diagnostics;
      expect(ds.map((d) => d.code), `${code}: ${catalogue[code].example}`).toContain(code);
    }
  });
});
