import type * as TS from "typescript";
/**
 * The TypeScript compiler API, loaded on first use (compiler/platform.ts): programs whose
 * kernels never compile never pay it.
 */
export declare function typescript(): typeof TS;
export type { TS };
