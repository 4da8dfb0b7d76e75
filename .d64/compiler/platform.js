/**
 * The compiler's only contact with the platform (Node here): loading TypeScript, reading parfor's
 * math library, and reading the relative modules whose helpers a kernel calls. In a browser
 * bundle package.json's "browser" field replaces this file by compiler/platform-web.ts, which
 * the opt-in JIT entry (parfor/jit) fills in, so the compiler imports no `node:` module there.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
/**
 * The TypeScript compiler API. `require` through createRequire takes 130-170 ms here against
 * 340-430 ms for an ESM import.
 */
export function loadTypescript() {
    return createRequire(import.meta.url)("typescript");
}
/** The bytes of parfor's math library (dist/math/parfor-math.wasm), or null (PARFOR_MATH_LINK=0, or not built). */
export function mathLibraryBytes() {
    if (process.env.PARFOR_MATH_LINK === "0")
        return null;
    const here = import.meta.url;
    const url = here.endsWith(".ts") ? new URL("../dist/math/parfor-math.wasm", here) : new URL("../math/parfor-math.wasm", here);
    try {
        return readFileSync(url);
    }
    catch {
        return null;
    }
}
const EXTS = [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs", ".jsx"];
/** The file a relative import names (as written, with a TypeScript extension for `.js`, or with an extension or /index added) and its text, or null. */
export function relativeModule(from, spec) {
    if (!spec.startsWith("."))
        return null;
    const base = resolve(dirname(from), spec);
    const stem = base.replace(/\.(c|m)?jsx?$/, "");
    const tries = [base, ...EXTS.map((e) => stem + e), ...EXTS.map((e) => `${base}/index${e}`)];
    const file = tries.find((f) => /\.[cm]?[jt]sx?$/.test(f) && existsSync(f));
    return file === undefined ? null : { file, text: readFileSync(file, "utf8") };
}
