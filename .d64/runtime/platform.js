/**
 * Small platform facts every thread can use without a host (pool workers have none installed):
 * whether this thread may block in Atomics.wait, a wait that spins where it may not, warnings,
 * environment variables and "run this soon". Feature tests only; nothing here imports `node:`.
 */
/**
 * Whether this thread may block in Atomics.wait: true in Node, Deno, Bun and in any worker; false
 * on a browser's main thread (Atomics.wait throws there) and where there is no SharedArrayBuffer.
 */
export const CAN_BLOCK = (() => {
    try {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
        return true;
    }
    catch {
        return false;
    }
})();
/**
 * Atomics.wait(ta, index, value, ms) where this thread may block; elsewhere a bounded spin on
 * Atomics.load that returns when the value changed or after `ms` (a browser's main thread: the
 * caller re-checks its condition after every return, as it does after a wait).
 */
export function blockWait(ta, index, value, ms) {
    if (CAN_BLOCK) {
        Atomics.wait(ta, index, value, ms);
        return;
    }
    const until = performance.now() + ms;
    let n = 0;
    while (Atomics.load(ta, index) === value) {
        if ((++n & 255) === 0 && performance.now() > until)
            return;
    }
}
function proc() {
    return globalThis.process;
}
/** process.emitWarning where there is one (Node, Deno, Bun), else console.warn. */
export function warn(message, type, code) {
    const p = proc();
    if (typeof p?.emitWarning === "function")
        p.emitWarning(message, { type, code });
    else
        console.warn(`${type} [${code}]: ${message}`);
}
/** An environment variable; undefined where the platform has none (a browser). */
export function envVar(name) {
    return proc()?.env?.[name];
}
/** Runs `fn` on a later turn of the event loop without keeping the process alive. */
export function soon(fn) {
    const si = globalThis.setImmediate;
    if (typeof si === "function")
        si(fn).unref?.();
    else
        setTimeout(fn, 0);
}
