/**
 * The browser host: pool workers are module Web Workers started from runtime/web-worker.js
 * (written as `new Worker(new URL("../web-worker.js", import.meta.url), { type: "module" })`, the
 * form Vite, webpack, Rollup and esbuild plugins recognise, so bundlers keep the file), the math
 * library is fetched once at start (`new URL(..., import.meta.url)`, an asset bundlers keep too),
 * and kernels come only from the bundler plugin (no compiler in the page).
 *
 * Threads need a page that is cross-origin isolated (served with Cross-Origin-Opener-Policy:
 * same-origin and Cross-Origin-Embedder-Policy: require-corp): only then can the shared memory
 * be posted to workers. Without it kernels run compiled on the calling thread alone, with one
 * warning naming the two headers.
 *
 * Waits: the main thread cannot block in Atomics.wait, so its waits spin (runtime/platform.ts); a
 * sync call there blocks the page like the plain function would. `.async` calls run on worker 0
 * as leader and the page waits with Atomics.waitAsync.
 *
 * Importing this module installs it (browser.ts does, first).
 */
import { bundledFor } from "../bundled.js";
import { setHost } from "../host.js";
import { setMathSource } from "../mathlib.js";
const g = globalThis;
let math = null;
/** Fetches and compiles the math library once; until it is there, kernels use the engine's Math. */
function loadMath() {
    if (typeof g.fetch !== "function")
        return;
    g.fetch(new URL("../../math/parfor-math.wasm", import.meta.url))
        .then((r) => r.arrayBuffer())
        .then((bytes) => globalThis.WebAssembly.compile(bytes))
        .then((m) => void (math = m), () => { });
}
function spawn(init, events) {
    // written out literally: bundlers recognise exactly this form and emit the worker's file
    const worker = new Worker(new URL("../web-worker.js", import.meta.url), { type: "module" });
    let exited = false;
    const waiters = [];
    const gone = (code) => {
        if (exited)
            return;
        exited = true;
        events.exit(code);
        for (const f of waiters.splice(0))
            f();
    };
    worker.addEventListener("error", (e) => {
        events.error(new Error(e.message ?? "the worker failed to load"));
        gone(1);
    });
    worker.addEventListener("message", (e) => {
        if (e.data?.kind === "exited")
            gone(0);
    });
    const first = { kind: "init", memory: init.memory, index: init.index, epoch: init.epoch, math, messages: init.messages };
    worker.postMessage(first);
    return {
        raw: worker,
        post: (m) => worker.postMessage(m),
        drain: () => [],
        async terminate() {
            worker.terminate();
            gone(undefined);
        },
        exited: (ms) => exited
            ? Promise.resolve()
            : new Promise((resolve) => {
                const t = setTimeout(resolve, ms);
                waiters.push(() => {
                    clearTimeout(t);
                    resolve();
                });
            }),
        unref() { },
    };
}
export const webHost = {
    name: "web",
    cores: () => Math.max(1, g.navigator?.hardwareConcurrency ?? 4),
    env: () => undefined,
    noWorkers() {
        if (g.crossOriginIsolated === true && typeof g.Worker === "function")
            return null;
        return {
            warning: typeof g.Worker !== "function"
                ? "parfor: this context has no Web Workers; kernels run compiled on the calling thread only."
                : "parfor: this page is not cross-origin isolated, so its memory cannot be shared with Web Workers: kernels run compiled " +
                    "(WebAssembly) on the calling thread only, and .async calls block it while they run. Serve the page with the headers " +
                    "Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp to use every core.",
            code: "PARFOR_NOT_ISOLATED",
        };
    },
    workerEntryProblem: () => (typeof g.Worker === "function" ? null : "this context has no Web Workers"),
    spawn,
    mathModule: () => math,
    readSource: () => null,
    sourceFile: (url) => url,
    jit: null,
    precompiled: (fn) => bundledFor(fn),
};
/**
 * Installs the JIT compiler (the opt-in entry parfor/jit does, once it has TypeScript and the
 * math library): kernels the bundler plugin did not precompile are compiled on first call, on the
 * calling thread (a page has no compile worker).
 */
export function installJit(jit) {
    webHost.jit = jit;
}
setHost(webHost);
setMathSource(() => math);
loadMath();
