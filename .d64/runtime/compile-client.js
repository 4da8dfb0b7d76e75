/**
 * Compiling off the main thread: one worker per process (runtime/compile-worker.ts), made on
 * first use and reused. `.async` calls post requests and await them (offThread); synchronous
 * calls (parallel()'s early check, the first call of a signature, kernel.diagnostics) post them
 * and block in Atomics.wait until the worker answers (onWorkerSync), so TypeScript loads once
 * per process, on the worker, and never on the caller's thread. The worker is unref()ed except
 * while an `.async` request is awaited, so it never keeps a process alive on its own; one that
 * only served `.async` calls is ended after 10 s idle (remade when needed), one that compiles
 * for synchronous calls is kept. When no worker can be had (the worker entry is not built,
 * Node's permission model forbids workers, the worker failed to start; Deno and Bun) requests
 * answer `null` and the caller compiles on its own thread. A worker that dies holding a
 * synchronous request, or does not answer one within 20 s, is ended, and synchronous compiles
 * stay on the caller's thread from then on; `.async` compiles get a new worker.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
let worker = null;
/** set when a worker cannot be made in this process: later requests compile on the caller's thread */
let unavailable = false;
/**
 * Set when a synchronous request timed out or its worker died holding it: synchronous compiles
 * stay on the caller's thread from then on, while `.async` ones still get a (new) worker, so that
 * they never block the event loop.
 */
let syncOff = false;
let nextId = 1;
/** An idle worker is ended after this long (it holds a TypeScript of its own, tens of MB). */
const IDLE_MS = 10_000;
let idleTimer = null;
const counts = { shape: 0, compile: 0, check: 0 };
const syncCounts = { shape: 0, compile: 0, check: 0 };
/**
 * Set once the worker has compiled for synchronous calls: it then holds this process's only
 * TypeScript, so it is kept when idle (unref()ed: it never keeps the process alive) instead of
 * being ended after IDLE_MS and loaded again by the next compile.
 */
let servedSync = false;
const pending = new Map();
/** The worker entry: dist/runtime/compile-worker.js beside this file, or under dist/ when running from TS source. */
export function compileWorkerUrl() {
    const here = import.meta.url;
    return here.endsWith(".ts") ? new URL("../dist/runtime/compile-worker.js", here) : new URL("./compile-worker.js", here);
}
function workerPermitted() {
    const perm = process.permission;
    return perm === undefined || perm.has("worker");
}
/** Every request in flight answers null (compile on the caller's thread); the next request makes a new worker. */
function lose(w) {
    if (worker !== w)
        return;
    worker = null;
    const ps = [...pending.values()];
    pending.clear();
    for (const p of ps)
        p.resolve(null);
}
function theWorker() {
    if (worker !== null)
        return worker;
    if (unavailable)
        return null;
    const url = compileWorkerUrl();
    if (!workerPermitted() || !existsSync(fileURLToPath(url))) {
        unavailable = true;
        return null;
    }
    let w;
    try {
        // no execArgv: the compiler needs no flags, and eval-only ones (--input-type, -e) would stop it booting
        w = new Worker(url, { execArgv: [], stdout: false, stderr: false });
    }
    catch {
        unavailable = true;
        return null;
    }
    w.unref();
    let answered = false;
    w.on("message", (reply) => {
        answered = true;
        const p = pending.get(reply.id);
        if (p === undefined)
            return;
        pending.delete(reply.id);
        if (pending.size === 0)
            idle(w);
        if (reply.ok)
            p.resolve({ shape: reply.shape, diagnostics: reply.diagnostics.map(freezeDiagnostic), compiled: reply.compiled, sourceOffset: reply.sourceOffset });
        else
            p.reject(rebuild(reply.error));
    });
    w.on("error", () => {
        // a worker that never answered could not start here (a loader, a flag, a sandbox): stop trying
        if (!answered)
            unavailable = true;
        lose(w);
    });
    w.on("exit", () => lose(w));
    worker = w;
    return w;
}
function idle(w) {
    w.unref();
    if (idleTimer !== null)
        clearTimeout(idleTimer);
    idleTimer = null;
    if (servedSync)
        return;
    idleTimer = setTimeout(() => {
        idleTimer = null;
        if (worker === w && pending.size === 0) {
            worker = null;
            void w.terminate();
        }
    }, IDLE_MS);
    idleTimer.unref();
}
function freezeDiagnostic(d) {
    return Object.freeze({ ...d, related: Object.freeze(d.related.map((r) => ({ ...r }))) });
}
function rebuild(e) {
    const C = e.cls === "TypeError" ? TypeError : e.cls === "RangeError" ? RangeError : Error;
    const err = new C(e.message);
    if (e.stack)
        err.stack = e.stack;
    return err;
}
/** How long a synchronous request waits for the worker before the caller compiles on its own thread. */
const SYNC_TIMEOUT_MS = 20_000;
/**
 * Whether synchronous requests may go to the worker: Node's worker_threads with
 * receiveMessageOnPort, and a thread that may block in Atomics.wait. Deno and Bun load this host
 * too; they compile on the caller's thread, as before.
 */
function syncPossible() {
    const g = globalThis;
    return !syncOff && typeof receiveMessageOnPort === "function" && g.Deno === undefined && g.Bun === undefined && process.env.PARFOR_COMPILE_ON_THREAD !== "1";
}
/**
 * Runs a request on the compile worker and blocks until it answers, so that a synchronous call
 * (parallel()'s early check, the first call of a signature, kernel.diagnostics) does not load
 * TypeScript on this thread: one TypeScript per process, on the worker, which `.async` calls
 * then find loaded. Null when no worker can answer (the caller compiles on its own thread).
 * Rethrows the exception the compiler threw.
 */
export function onWorkerSync(body) {
    if (!syncPossible())
        return null;
    const w = theWorker();
    if (w === null)
        return null;
    const id = nextId++;
    syncCounts[body.kind]++;
    servedSync = true;
    const req = { ...body, options: cloneableOptions(body.options), id };
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    try {
        if (idleTimer !== null)
            clearTimeout(idleTimer);
        idleTimer = null;
        try {
            w.postMessage({ req, reply: port2, flag }, [port2]);
        }
        catch {
            return null;
        }
        const deadline = Date.now() + SYNC_TIMEOUT_MS;
        while (Atomics.load(flag, 0) === 0) {
            const left = deadline - Date.now();
            if (left <= 0) {
                // a worker that does not answer is given up: this and later synchronous requests compile here
                syncOff = true;
                if (worker === w) {
                    worker = null;
                    void w.terminate();
                }
                return null;
            }
            Atomics.wait(flag, 0, 0, Math.min(left, 1000));
        }
        // 2: the worker exited while it held the request
        const got = Atomics.load(flag, 0) === 1 ? receiveMessageOnPort(port1) : undefined;
        if (got === undefined) {
            // a worker that died on a synchronous request would likely die on the next: those compile here from now on
            syncOff = true;
            if (worker === w) {
                worker = null;
                void w.terminate();
            }
            return null;
        }
        const reply = got.message;
        if (!reply.ok)
            throw rebuild(reply.error);
        return { shape: reply.shape, diagnostics: reply.diagnostics.map(freezeDiagnostic), compiled: reply.compiled, sourceOffset: reply.sourceOffset };
    }
    finally {
        port1.close();
        if (worker === w && pending.size === 0)
            idle(w);
    }
}
/**
 * Runs a request on the compile worker. Resolves with the compiler's result, rejects with the
 * exception the compiler threw (same class and message), or resolves null when no worker can
 * answer (the caller then compiles on its own thread).
 */
export function offThread(body) {
    const w = theWorker();
    if (w === null)
        return Promise.resolve(null);
    const id = nextId++;
    counts[body.kind]++;
    const req = { ...body, options: cloneableOptions(body.options), id };
    return new Promise((resolve, reject) => {
        if (idleTimer !== null)
            clearTimeout(idleTimer);
        idleTimer = null;
        pending.set(id, { resolve, reject });
        // held while a request is awaited: the caller is waiting for it, so the process must stay up
        if (pending.size === 1)
            w.ref();
        try {
            w.postMessage(req);
        }
        catch {
            pending.delete(id);
            if (pending.size === 0)
                idle(w);
            resolve(null);
        }
    });
}
/** Requests posted to the compile worker so far, by kind (for tests). */
export function offThreadRequests() {
    return { ...counts };
}
/** Synchronous requests answered by the compile worker so far, by kind (for tests). */
export function onWorkerRequests() {
    return { ...syncCounts };
}
/** The compile worker, if one runs (for tests). */
export function compileWorker() {
    return worker;
}
/** Helper functions in `globals` cross to the compile worker as their text (`{ fn: text }`). */
function cloneableOptions(options) {
    const g = options.globals;
    if (!g || !Object.values(g).some((v) => typeof v === "function"))
        return options;
    const globals = Object.fromEntries(Object.entries(g).map(([k, v]) => [k, typeof v === "function" ? { fn: Function.prototype.toString.call(v) } : v]));
    return { ...options, globals };
}
