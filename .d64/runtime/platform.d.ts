/**
 * Small platform facts every thread can use without a host (pool workers have none installed):
 * whether this thread may block in Atomics.wait, a wait that spins where it may not, warnings,
 * environment variables and "run this soon". Feature tests only; nothing here imports `node:`.
 */
/**
 * Whether this thread may block in Atomics.wait: true in Node, Deno, Bun and in any worker; false
 * on a browser's main thread (Atomics.wait throws there) and where there is no SharedArrayBuffer.
 */
export declare const CAN_BLOCK: boolean;
/**
 * Atomics.wait(ta, index, value, ms) where this thread may block; elsewhere a bounded spin on
 * Atomics.load that returns when the value changed or after `ms` (a browser's main thread: the
 * caller re-checks its condition after every return, as it does after a wait).
 */
export declare function blockWait(ta: Int32Array, index: number, value: number, ms: number): void;
/** process.emitWarning where there is one (Node, Deno, Bun), else console.warn. */
export declare function warn(message: string, type: string, code: string): void;
/** An environment variable; undefined where the platform has none (a browser). */
export declare function envVar(name: string): string | undefined;
/** Runs `fn` on a later turn of the event loop without keeping the process alive. */
export declare function soon(fn: () => void): void;
