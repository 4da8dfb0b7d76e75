/**
 * compiler/platform.ts in a browser bundle (package.json "browser" maps one to the other): no
 * `node:` module. The JIT entry for pages (jit.ts, `parfor/jit`) installs TypeScript and the math
 * library's bytes before any kernel compiles; a kernel's module-level helpers from other files are
 * not read in a page (only those of its own text are compiled).
 */
import type * as TS from "typescript";
/** Called once by the JIT entry. */
export declare function installCompilerPlatform(p: {
    readonly typescript: typeof TS;
    readonly mathLibrary: Uint8Array | null;
}): void;
export declare function loadTypescript(): typeof TS;
export declare function mathLibraryBytes(): Uint8Array | null;
export declare function relativeModule(): null;
