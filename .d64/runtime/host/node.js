/**
 * The Node host (also Deno and Bun, through their node: modules): pool workers are
 * worker_threads started from dist/runtime/worker.js with the shared memory in workerData, each
 * with a MessagePort for kernels (read synchronously by the worker with receiveMessageOnPort)
 * and a "lifeline" port whose other end lives in a small watcher thread: when the worker ends
 * for any reason (terminate(), a crash, out of memory) its end closes, and the watcher, whose
 * event loop is never blocked by a call, marks the worker's slot dead and wakes every waiter.
 * The main thread's own 'exit' listener cannot do this: it runs only when the main thread is idle.
 *
 * Importing this module installs it (index.ts does, first).
 */
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { aliasHazards, check, compile, explain, shapeOf } from "../../compiler/index.js";
import { offThread, onWorkerSync } from "../compile-client.js";
import { ASYNC_STATE, DONE, EPOCH, MAX_WORKERS, READY, STATE, WORKER_BASE, WORKER_DEAD, WORKER_STRIDE } from "../control.js";
import { setHost } from "../host.js";
import { libraryUrl, setMathSource } from "../mathlib.js";
import { precompiledFor } from "../precompiled.js";
import { Wasm } from "../wasm.js";
/** The worker entry: dist/runtime/worker.js, or under dist/ when running from TS source. */
export function workerUrl() {
    const here = import.meta.url;
    return here.endsWith(".ts") ? new URL("../../dist/runtime/worker.js", here) : new URL("../worker.js", here);
}
/**
 * Node options that name the main program (`-e`, `-p`, `--input-type`, ...): a worker inherits
 * process.execArgv, and with `--input-type` it refuses to start (ERR_INPUT_TYPE_NOT_ALLOWED).
 * Each entry: the flag and whether its value may follow as the next argument.
 */
const ENTRY_FLAGS = [
    ["--input-type", true],
    ["-e", true],
    ["--eval", true],
    ["-p", true],
    ["--print", true],
    ["-pe", true],
    ["-c", false],
    ["--check", false],
    ["-i", false],
    ["--interactive", false],
    ["--test", false],
    ["--watch", false],
    ["--watch-path", true],
];
/**
 * The execArgv to start workers with: undefined (inherit process.execArgv, which Node filters
 * itself) when nothing needs removing, else the list without the main-program options and
 * without the per-process options a worker refuses (ERR_WORKER_INVALID_EXEC_ARGV, learnt once).
 */
let execArgvForWorkers = null;
function makeWorker(source, options) {
    if (execArgvForWorkers === null) {
        const filtered = workerExecArgv();
        execArgvForWorkers = filtered.length === process.execArgv.length ? undefined : filtered;
    }
    try {
        return new Worker(source, { ...options, execArgv: execArgvForWorkers });
    }
    catch (e) {
        if (e.code !== "ERR_WORKER_INVALID_EXEC_ARGV" || execArgvForWorkers === undefined)
            throw e;
        const bad = new Set((e.message.split(": ")[1] ?? "").split(/,\s*/).map((f) => f.split("=")[0]));
        execArgvForWorkers = execArgvForWorkers.filter((a) => !bad.has(a.split("=")[0]));
        return new Worker(source, { ...options, execArgv: execArgvForWorkers });
    }
}
/**
 * Why the worker entry is missing, and what to do. parfor bundled into a program for Node (this
 * module is then part of the bundle, not dist/runtime/host/node.js) looks for the entry next to
 * the bundle; in parfor's own checkout it is the TypeScript build that has not run.
 */
export function missingWorkerEntry(path, self = import.meta.url) {
    const own = /[\\/]runtime[\\/]host[\\/]node\.[jt]s$/.test(fileURLToPath(self));
    if (!own) {
        return (`parfor's worker entry ${path} does not exist: parfor was bundled into ${fileURLToPath(self)}, and its workers ` +
            `are separate files that a bundle for Node does not carry. Keep parfor external when bundling for Node ` +
            `(esbuild --external:parfor, or external: ["parfor"] in Rollup, Vite's ssr.external, webpack's externals) ` +
            `and install it next to the bundle; for a page, bundle it with the "browser" condition and parfor/bundler's plugin`);
    }
    return self.endsWith(".ts")
        ? `the worker entry ${path} does not exist: run npm run build in parfor's checkout (the workers run from dist/)`
        : `the worker entry ${path} does not exist: this parfor installation is incomplete; reinstall parfor`;
}
/** process.execArgv without the options that only make sense for the main program. */
export function workerExecArgv(argv = process.execArgv) {
    const out = [];
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const eq = a.indexOf("=");
        const name = a.startsWith("--") && eq > 0 ? a.slice(0, eq) : a;
        const flag = ENTRY_FLAGS.find(([f]) => f === name);
        if (flag === undefined) {
            out.push(a);
            continue;
        }
        if (flag[1] && name === a)
            i++; // its value is the next argument
    }
    return out;
}
// ---- the watcher thread ----------------------------------------------------------------------
/**
 * The watcher's code (CommonJS, run with eval so no file has to be found): for each lifeline it
 * is handed, it waits for the port to close and then, if the worker's pool is still current, marks
 * the slot dead and wakes everything a call may be waiting on.
 */
const WATCHER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const ctl = new Int32Array(workerData.buffer, 0, ${WORKER_BASE + MAX_WORKERS * WORKER_STRIDE});
parentPort.on("message", ({ port, index, epoch }) => {
  port.on("close", () => {
    if (Atomics.load(ctl, ${EPOCH}) !== epoch) return;
    Atomics.store(ctl, ${WORKER_BASE} + index * ${WORKER_STRIDE} + ${STATE}, ${WORKER_DEAD});
    Atomics.notify(ctl, ${DONE});
    Atomics.notify(ctl, ${READY});
    Atomics.notify(ctl, ${ASYNC_STATE});
  });
  port.start();
});
`;
let watcher = null;
function watcherThread(memory) {
    if (watcher !== null)
        return watcher;
    const w = makeWorker(WATCHER_SOURCE, { eval: true, workerData: { buffer: memory.buffer } });
    w.unref();
    // if the watcher itself goes away, the next pool starts another
    w.once("exit", () => {
        if (watcher === w)
            watcher = null;
    });
    watcher = w;
    return w;
}
function spawn(init, events) {
    const { memory, index, epoch } = init;
    const lifelines = watcherThread(memory);
    const { port1, port2 } = new MessageChannel();
    const life = new MessageChannel();
    const data = { memory, port: port2, lifeline: life.port1, index, epoch };
    const worker = makeWorker(workerUrl(), { workerData: data, transferList: [port2, life.port1] });
    lifelines.postMessage({ port: life.port2, index, epoch }, [life.port2]);
    worker.unref();
    port1.unref();
    for (const m of init.messages)
        port1.postMessage(m);
    let exited = false;
    worker.on("error", (e) => events.error(e));
    worker.on("exit", (code) => {
        exited = true;
        events.exit(code);
    });
    return {
        raw: worker,
        post: (m) => port1.postMessage(m),
        drain() {
            const out = [];
            for (;;) {
                const m = receiveMessageOnPort(port1);
                if (m === undefined)
                    return out;
                out.push(m.message);
            }
        },
        terminate: async () => void (await worker.terminate()),
        exited: (ms) => exited
            ? Promise.resolve()
            : new Promise((resolve) => {
                const t = setTimeout(resolve, ms);
                worker.once("exit", () => {
                    clearTimeout(t);
                    resolve();
                });
            }),
        unref: () => worker.unref(),
    };
}
let mathModule;
export const nodeHost = {
    name: "node",
    cores: () => os.availableParallelism(),
    env: (name) => process.env[name],
    noWorkers() {
        const perm = process.permission;
        if (perm === undefined || perm.has("worker"))
            return null;
        return {
            warning: "parfor: Node's permission model does not allow worker threads (start node with --allow-worker to use them); " +
                "kernels run on the calling thread only, and .async calls block it while they run.",
            code: "PARFOR_NO_WORKERS",
        };
    },
    workerEntryProblem() {
        const path = fileURLToPath(workerUrl());
        return existsSync(path) ? null : missingWorkerEntry(path);
    },
    spawn,
    mathModule() {
        if (mathModule === undefined) {
            try {
                mathModule = new Wasm.Module(readFileSync(libraryUrl()));
            }
            catch {
                mathModule = null; // not built: every function falls back to V8's Math
            }
        }
        return mathModule;
    },
    readSource(file) {
        try {
            return readFileSync(file, "utf8");
        }
        catch {
            return null;
        }
    },
    sourceFile(url) {
        if (!url.startsWith("file://"))
            return url;
        try {
            return fileURLToPath(url);
        }
        catch {
            return null;
        }
    },
    // synchronous compiles go to the compile worker too (blocking), so TypeScript loads once per
    // process, off this thread; where no worker can answer, the compiler runs here
    jit: {
        check: (source, options, params) => (params === undefined ? onWorkerSync({ kind: "check", source, options: options ?? {} }) : null) ?? check(source, options, params),
        compile: (source, params, options) => onWorkerSync({ kind: "compile", source, options: options ?? {}, params }) ?? compile(source, params, options),
        shapeOf: (source, options) => onWorkerSync({ kind: "shape", source, options: options ?? {} }) ?? shapeOf(source, options),
        aliasHazards,
        explain,
        offThread,
    },
    precompiled: (fn, source, options, file) => precompiledFor(fn, source, options, file),
};
setHost(nodeHost);
setMathSource(() => nodeHost.mathModule());
