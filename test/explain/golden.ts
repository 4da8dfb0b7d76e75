/** Golden text files: compared exactly; PARFOR_UPDATE_GOLDEN=1 rewrites them. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

export const GOLDEN = join(process.cwd(), "test/explain/golden");

export function expectGolden(name: string, text: string): void {
  const file = join(GOLDEN, name);
  if (process.env.PARFOR_UPDATE_GOLDEN === "1" || !existsSync(file)) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, "utf8"));
}
