// A user's strict TypeScript program against the installed tarball: every entry of the package.
// Type-checked under nodenext, node16, bundler and node10 resolution (skipLibCheck: false, no
// @types/node), then compiled and run with Node by test/package/tarball.test.ts.
import parfor, {
  array,
  free,
  memoryUsage,
  parallel,
  prange,
  ParforCompileError,
  ParforRaceError,
  shutdown,
  threads,
  vectorize,
  type Diagnostic,
  type MemoryUsage,
  type ParallelKernel,
  type ParallelOptions,
  type PRange,
  type Race,
  type Vectorized,
} from "parfor";
import { esbuild, rolldown, rollup, vite, webpack } from "parfor/bundler";
import eslintPlugin from "parfor/eslint";
import { bindPrecompiled } from "parfor/precompiled";
import tsserverPlugin from "parfor/tsserver";
import { jitLoaded, vectorize as jitVectorize } from "parfor/jit";

declare const console: { log(...args: unknown[]): void };

const options: ParallelOptions = { threads: 2, fallback: "js" };
const sum: ParallelKernel<(a: Float64Array) => number> = parallel((a: Float64Array): number => {
  let s = 0;
  for (const i of prange(a.length)) s += a[i]!;
  return s;
}, options);
const twice: Vectorized<(x: number) => number> = vectorize((x: number) => 2 * x);

const a = array(Float64Array, 1000);
for (let i = 0; i < a.length; i++) a[i] = i;
const total: number = sum(a);
const async: Promise<number> = sum.async(a);
const diagnostics: readonly Diagnostic[] = sum.diagnostics;
const usage: MemoryUsage = memoryUsage();
const range: PRange = prange(3);
const races: Race[] = [];
const plugins: unknown[] = [esbuild(), vite(), rollup(), rolldown(), webpack()];
const rules: number = Object.keys(eslintPlugin.rules).length;
const doubled: Float64Array = twice(new Float64Array([1, 2]));
console.log(JSON.stringify({
  total,
  async: await async,
  diagnostics: diagnostics.length,
  liveArrays: usage.liveArrays > 0,
  range: [...range],
  threads: threads() >= 1,
  plugins: plugins.length,
  rules: rules > 0,
  recommended: eslintPlugin.configs.recommended.name,
  tsserver: typeof tsserverPlugin,
  bindPrecompiled: typeof bindPrecompiled,
  errors: [typeof ParforCompileError, typeof ParforRaceError, races.length],
  doubled: [...doubled],
  namespace: parfor.parallel === parallel,
  jit: jitLoaded && jitVectorize === vectorize,
}));
free(a);
await shutdown();
