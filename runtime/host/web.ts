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
import type { SerializedError } from "../errors.js";
import { setHost, type Host, type JitCompiler, type SpawnInit, type WorkerEvents, type WorkerLink } from "../host.js";
import { setMathSource } from "../mathlib.js";
import type { WasmModule } from "../wasm.js";
import type { WebWorkerInit } from "../web-worker.js";

interface WebWorker {
  postMessage(m: unknown): void;
  terminate(): void;
  addEventListener(type: "message" | "error", f: (e: { data?: unknown; message?: string }) => void): void;
}
type WorkerCtor = new (url: URL, options: { type: "module" }) => WebWorker;
/** The page's Worker constructor (declared here: the project's lib has no DOM types). */
declare const Worker: WorkerCtor;

const g = globalThis as unknown as {
  crossOriginIsolated?: boolean;
  navigator?: { hardwareConcurrency?: number };
  Worker?: WorkerCtor;
  fetch?: (url: URL) => Promise<unknown>;
};

let math: WasmModule | null = null;

/** Fetches and compiles the math library once; until it is there, kernels use the engine's Math. */
function loadMath(): void {
  if (typeof g.fetch !== "function") return;
  g.fetch(new URL("../../math/parfor-math.wasm", import.meta.url))
    .then((r) => (r as { ok: boolean; arrayBuffer(): Promise<ArrayBuffer> }).arrayBuffer())
    .then((bytes) => (globalThis as unknown as { WebAssembly: { compile(b: ArrayBuffer): Promise<WasmModule> } }).WebAssembly.compile(bytes))
    .then(
      (m) => void (math = m),
      () => {}, // no library: the engine's Math serves every call
    );
}

function spawn(init: SpawnInit, events: WorkerEvents): WorkerLink {
  // written out literally: bundlers recognise exactly this form and emit the worker's file
  const worker = new Worker(new URL("../web-worker.js", import.meta.url), { type: "module" });
  let exited = false;
  const waiters: (() => void)[] = [];
  const gone = (code: number | undefined): void => {
    if (exited) return;
    exited = true;
    events.exit(code);
    for (const f of waiters.splice(0)) f();
  };
  worker.addEventListener("error", (e) => {
    events.error(new Error(e.message ?? "the worker failed to load"));
    gone(1);
  });
  worker.addEventListener("message", (e) => {
    if ((e.data as { kind?: string } | undefined)?.kind === "exited") gone(0);
  });
  const first: WebWorkerInit = { kind: "init", memory: init.memory, index: init.index, epoch: init.epoch, math, messages: init.messages as WebWorkerInit["messages"] };
  worker.postMessage(first);
  return {
    raw: worker,
    post: (m) => worker.postMessage(m),
    drain: (): SerializedError[] => [],
    async terminate() {
      worker.terminate();
      gone(undefined);
    },
    exited: (ms) =>
      exited
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const t = setTimeout(resolve, ms);
            waiters.push(() => {
              clearTimeout(t);
              resolve();
            });
          }),
    unref() {},
  };
}

export const webHost: { -readonly [K in keyof Host]: Host[K] } = {
  name: "web",
  cores: () => Math.max(1, g.navigator?.hardwareConcurrency ?? 4),
  env: () => undefined,
  noWorkers() {
    if (g.crossOriginIsolated === true && typeof g.Worker === "function") return null;
    return {
      warning:
        typeof g.Worker !== "function"
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
export function installJit(jit: JitCompiler): void {
  webHost.jit = jit;
}

setHost(webHost);
setMathSource(() => math);
loadMath();
