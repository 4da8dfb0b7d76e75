/**
 * `parfor/jit` in a browser (package.json "exports", condition "browser"): the JIT compiler for a
 * page, opt-in and loaded lazily (`await import("parfor/jit")`), so that the page's default
 * bundle (browser.ts) carries no compiler. Importing it loads TypeScript's compiler API (bundled
 * from the `typescript` package) and fetches parfor's math library, then installs the compiler in
 * the web host: from then on a kernel the bundler plugin did not precompile (or a call with
 * argument kinds it did not see) is compiled on first call, on the calling thread. `vectorize`
 * works too (it writes a kernel's text at run time).
 */
// the CommonJS module object itself (bundlers give it as the default import)
import ts from "typescript";
import { aliasHazards, check, compile, explain, shapeOf } from "./compiler/index.js";
import { installCompilerPlatform } from "./compiler/platform-web.js";
import { installJit } from "./runtime/host/web.js";
export { vectorize } from "./runtime/vectorize.js";
const g = globalThis;
async function mathLibrary() {
    try {
        const r = await g.fetch(new URL("./math/parfor-math.wasm", import.meta.url));
        return r.ok ? new Uint8Array(await r.arrayBuffer()) : null;
    }
    catch {
        return null; // kernels then call the engine's Math
    }
}
installCompilerPlatform({ typescript: ts, mathLibrary: await mathLibrary() });
installJit({ check, compile, shapeOf, aliasHazards, explain, offThread: async () => null });
/** True once this module is imported: the compiler is installed. */
export const jitLoaded = true;
