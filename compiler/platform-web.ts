/**
 * compiler/platform.ts in a browser bundle (package.json "browser" maps one to the other): no
 * `node:` module. The JIT entry for pages (jit.ts, `parfor/jit`) installs TypeScript and the math
 * library's bytes before any kernel compiles; a kernel's module-level helpers from other files are
 * not read in a page (only those of its own text are compiled).
 */
import type * as TS from "typescript";

let ts: typeof TS | null = null;
let math: Uint8Array | null = null;

/** Called once by the JIT entry. */
export function installCompilerPlatform(p: { readonly typescript: typeof TS; readonly mathLibrary: Uint8Array | null }): void {
  ts = p.typescript;
  math = p.mathLibrary;
}

export function loadTypescript(): typeof TS {
  if (ts === null) throw new Error("parfor: the compiler is not loaded in this page: import it first with await import(\"parfor/jit\")");
  return ts;
}

export function mathLibraryBytes(): Uint8Array | null {
  return math;
}

export function relativeModule(): null {
  return null;
}
