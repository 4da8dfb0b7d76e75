/**
 * Self-check of the corpus without the compiler: `vitest.plain.config.ts` maps the public entry to
 * this module, where `parallel(fn)` is the plain function itself. Every differential test must then
 * pass (except the bounds tests, which require compiled-only RangeErrors), which shows that the
 * kernels run as plain JavaScript and that the harness copies and compares inputs correctly.
 * Run: npx vitest run -c test/differential/vitest.plain.config.ts
 */
export { prange, type PRange } from "../../runtime/prange.js";

type Fn = (...args: never[]) => unknown;

export function parallel<F extends Fn>(fn: F, _options?: unknown): F & { async: (...args: Parameters<F>) => Promise<ReturnType<F>> } {
  const k = ((...args: never[]) => fn(...args)) as F & { async: (...args: Parameters<F>) => Promise<ReturnType<F>> };
  k.async = async (...args: Parameters<F>) => fn(...(args as never[])) as ReturnType<F>;
  return k;
}

export function array<T>(ctor: new (n: number) => T, n: number): T {
  return new ctor(n);
}

export function free(_a: unknown): void {}

export async function shutdown(): Promise<void> {}

export function threads(): number {
  return 1;
}
