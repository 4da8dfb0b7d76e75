import { loadTypescript } from "../platform.js";
import type * as TS from "typescript";

let cached: typeof TS | undefined;

/**
 * The TypeScript compiler API, loaded on first use (compiler/platform.ts): programs whose
 * kernels never compile never pay it.
 */
export function typescript(): typeof TS {
  if (!cached) cached = loadTypescript();
  return cached;
}

export type { TS };
