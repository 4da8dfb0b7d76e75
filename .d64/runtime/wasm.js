/**
 * Typed access to the parts of the WebAssembly JS API and of Atomics.waitAsync the runtime uses.
 * The project compiles with lib ES2023 and @types/node, which declare neither, and a module-local
 * declaration (instead of a global one) cannot clash with declarations elsewhere in the project.
 */
const api = globalThis.WebAssembly;
/** Whether the process runs with `flag` (on the command line or in NODE_OPTIONS). */
function hasFlag(flag) {
    const p = globalThis.process;
    const opts = (p?.env?.["NODE_OPTIONS"] ?? "").split(/\s+/);
    return (p?.execArgv ?? []).some((a) => a === flag || a.startsWith(flag + "=")) || opts.some((a) => a === flag || a.startsWith(flag + "="));
}
/**
 * Whether a shared WebAssembly.Memory can be made although SharedArrayBuffer is not a global:
 * Chromium allows it on a page that is not cross-origin isolated (it just cannot be posted to a
 * worker), and kernels then run on the calling thread.
 */
function sharedMemoryWithoutSab(a) {
    try {
        new a.Memory({ initial: 1, maximum: 1, shared: true });
        return true;
    }
    catch {
        return false;
    }
}
let reason;
/**
 * Why this process cannot run compiled kernels, or null when it can: no WebAssembly (`--jitless`,
 * `--no-expose-wasm`, an embedder that removed it) or no SharedArrayBuffer (the one memory every
 * thread shares is a shared WebAssembly.Memory).
 */
export function wasmUnavailable() {
    if (reason !== undefined)
        return reason;
    if (api === undefined || typeof api.Module !== "function" || typeof api.Memory !== "function") {
        const cause = hasFlag("--jitless")
            ? "node was started with --jitless, which turns WebAssembly off (run without --jitless)"
            : hasFlag("--no-expose-wasm")
                ? "node was started with --no-expose-wasm (run without it)"
                : "globalThis.WebAssembly is not defined in this process";
        reason = `WebAssembly is unavailable: ${cause}`;
    }
    else if (typeof SharedArrayBuffer !== "function" && !sharedMemoryWithoutSab(api)) {
        reason =
            "SharedArrayBuffer is unavailable in this process (parfor's threads share one WebAssembly memory; " +
                "in a browser, serve the page with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)";
    }
    else {
        reason = null;
    }
    return reason;
}
/** Stands in for the API when it is missing: every use throws an Error that says why (instanceof tests are false). */
const missing = new Proxy({}, {
    get(_t, key) {
        if (key === "RuntimeError")
            return class NoRuntimeError extends Error {
            };
        throw new Error(`parfor: ${wasmUnavailable() ?? "WebAssembly is unavailable"}`);
    },
});
/** globalThis.WebAssembly, typed (a stand-in that throws a clear error when the process has none). */
export const Wasm = api ?? missing;
/** Atomics.waitAsync (Node 16+), typed. */
export function waitAsync(ta, index, value, timeoutMs) {
    return Atomics.waitAsync(ta, index, value, timeoutMs);
}
