/** Done-when of issue 5: `npx eslint examples/` with the recommended config reports the two race examples and nothing else. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, test } from "vitest";

test("eslint examples/ reports exactly the two race examples", () => {
  const bin = join(process.cwd(), "node_modules/eslint/bin/eslint.js");
  const r = spawnSync(process.execPath, [bin, "--format", "json", "examples/"], { encoding: "utf8" });
  const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string }[] }[];
  const found = results.flatMap((f) => f.messages.map((m) => `${f.filePath.split("/").pop()} ${m.ruleId} ${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.message.slice(0, 6)}`));
  expect(found).toEqual([
    "race-accumulate.ts parfor/shared-element-race 13:5-13:25 PF2002",
    "race-last-write.ts parfor/scalar-race 13:5-13:12 PF2001",
  ]);
  expect(results.length).toBeGreaterThan(10);
  expect(r.status).toBe(0); // warnings only
}, 30_000);
