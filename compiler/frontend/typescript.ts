import { createRequire } from "node:module";
import type * as TS from "typescript";

let cached: typeof TS | undefined;

/**
 * The TypeScript compiler API, loaded on first use. `require` through createRequire takes
 * 130-170 ms here against 340-430 ms for an ESM import, and programs whose kernels never compile
 * never pay it.
 */
export function typescript(): typeof TS {
  if (!cached) cached = createRequire(import.meta.url)("typescript") as typeof TS;
  return cached;
}

export type { TS };
