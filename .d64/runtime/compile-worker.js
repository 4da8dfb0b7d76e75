/**
 * The compile worker: runs the compiler (and so TypeScript) off the main thread for `.async`
 * calls. It answers each request with plain data: the kernel's shape and diagnostics, or a
 * CompiledKernel whose wasm bytes are transferred. Started by runtime/compile-client.ts.
 */
import { parentPort } from "node:worker_threads";
const port = parentPort;
if (port === null)
    throw new Error("parfor: compile-worker.js must run as a worker thread");
// The compiler is imported on the first request (it loads TypeScript itself, on first use).
let compiler = null;
port.on("message", (req) => {
    void answer(req);
});
/** Flags of synchronous requests in progress: a worker that exits sets them to 2, so their callers stop waiting at once. */
const waiting = new Set();
process.on("exit", () => {
    for (const f of waiting) {
        Atomics.store(f, 0, 2);
        Atomics.notify(f, 0);
    }
});
async function answer(req) {
    if ("flag" in req) {
        const env = req;
        waiting.add(env.flag);
        // fault injection for test/runtime/sync-compile.test.ts: the worker dies holding a request
        if (process.env.PARFOR_FAULT_COMPILE_WORKER === "exit")
            process.exit(1);
        try {
            await answer1(env.req, (reply, transfer) => env.reply.postMessage(reply, transfer));
        }
        finally {
            waiting.delete(env.flag);
            // the caller reads the reply and closes the channel
            Atomics.store(env.flag, 0, 1);
            Atomics.notify(env.flag, 0);
        }
        return;
    }
    await answer1(req, (reply, transfer) => port.postMessage(reply, transfer));
}
async function answer1(req, send) {
    let reply;
    const transfer = [];
    try {
        const c = await (compiler ??= import("../compiler/index.js"));
        if (req.kind === "shape") {
            const r = c.shapeOf(req.source, req.options);
            reply = { id: req.id, ok: true, shape: r.shape, diagnostics: r.diagnostics, compiled: null, sourceOffset: 0 };
        }
        else if (req.kind === "check") {
            const r = c.check(req.source, req.options);
            reply = { id: req.id, ok: true, shape: r.shape, diagnostics: r.diagnostics, compiled: null, sourceOffset: r.sourceOffset };
        }
        else {
            const r = c.compile(req.source, req.params, req.options);
            let compiled = r.compiled;
            if (compiled) {
                // a view of exactly its own buffer can be transferred; anything else is copied first
                const w = compiled.wasm;
                const bytes = w.byteOffset === 0 && w.byteLength === w.buffer.byteLength && w.buffer instanceof ArrayBuffer ? w : w.slice();
                compiled = { ...compiled, wasm: bytes };
                transfer.push(bytes.buffer);
            }
            reply = { id: req.id, ok: true, shape: r.shape, diagnostics: r.diagnostics, compiled, sourceOffset: r.sourceOffset };
        }
    }
    catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        const cls = err instanceof TypeError ? "TypeError" : err instanceof RangeError ? "RangeError" : "Error";
        reply = { id: req.id, ok: false, error: { cls, message: err.message, stack: err.stack ?? "" } };
    }
    send(reply, transfer);
}
