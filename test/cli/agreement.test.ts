/**
 * `parfor check` agrees with the run time on argmin/argmax, array reductions and Atomics: no
 * finding where the run time reduces, the same code at the same place where it reports
 * (test/front-doors.ts), for the annotated TypeScript and for the JavaScript of the same kernels.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { checkFile } from "../../cli/check.js";
import { byCase, cases, fileOf, runtimeFindings } from "../front-doors.js";

describe("parfor check agrees with the run time", () => {
  const dir = mkdtempSync(join(tmpdir(), "parfor-agree-"));
  for (const ts of [true, false]) {
    test(ts ? "annotated TypeScript" : "JavaScript (Atomics arrays checked as Int32Array)", async () => {
      const { text, prefix } = fileOf(ts);
      const file = join(dir, ts ? "k.ts" : "k.js");
      writeFileSync(file, text);
      const got = byCase(checkFile(file), prefix);
      const bad: string[] = [];
      for (const [n, k] of cases.entries()) {
        const rt = ts ? await runtimeFindings(k) : [...k.expect].sort();
        if (JSON.stringify(rt) !== JSON.stringify([...k.expect].sort())) bad.push(`${k.name}: run time ${rt.join(" ")}, case says ${k.expect.join(" ")}`);
        const want = ts ? rt : (k.js ?? k.expect);
        if (JSON.stringify(got[n]) !== JSON.stringify([...want].sort())) bad.push(`${k.name}: parfor check ${got[n]!.join(" ")}, want ${want.join(" ")}`);
      }
      expect(bad).toEqual([]);
    }, 60_000);
  }
});
