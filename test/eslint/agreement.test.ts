/**
 * The ESLint plugin agrees with the run time on argmin/argmax, array reductions and Atomics: no
 * finding where the run time reduces, the same code at the same place where it reports
 * (test/front-doors.ts), through typescript-eslint's parser and through espree for the JavaScript.
 */
import tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import { describe, expect, test } from "vitest";
import parfor from "../../eslint/index.js";
import { byCase, cases, fileOf, runtimeFindings } from "../front-doors.js";

describe("parfor/eslint agrees with the run time", () => {
  for (const ts of [true, false]) {
    test(ts ? "k.ts (typescript-eslint)" : "k.js (espree)", async () => {
      const { text, prefix } = fileOf(ts);
      const linter = new Linter({ configType: "flat" });
      const config = [{ files: ["**/*.ts"], languageOptions: { parser: tsParser } }, parfor.configs.recommended];
      const msgs = linter.verify(text, config, { filename: ts ? "k.ts" : "k.js" });
      expect(msgs.filter((m) => !m.ruleId?.startsWith("parfor/"))).toEqual([]);
      const got = byCase(msgs.map((m) => ({ line: m.line, column: m.column, code: m.message.slice(0, 6) })), prefix);
      const bad: string[] = [];
      for (const [n, k] of cases.entries()) {
        const want = ts ? await runtimeFindings(k) : [...(k.js ?? k.expect)].sort();
        if (JSON.stringify(got[n]) !== JSON.stringify(want)) bad.push(`${k.name}: eslint ${got[n]!.join(" ")}, run time ${want.join(" ")}`);
      }
      expect(bad).toEqual([]);
    }, 60_000);
  }
});
