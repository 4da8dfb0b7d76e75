/**
 * The compile worker: runs the compiler (and so TypeScript) off the main thread for `.async`
 * calls. It answers each request with plain data: the kernel's shape and diagnostics, or a
 * CompiledKernel whose wasm bytes are transferred. Started by runtime/compile-client.ts.
 */
import { type MessagePort } from "node:worker_threads";
import type { CompileRequest } from "./compile-client.js";
/**
 * A synchronous request (runtime/compile-client.ts, onWorkerSync): the caller blocks in
 * Atomics.wait on `flag` until the reply is on `reply` (a port it reads with receiveMessageOnPort).
 */
export interface SyncEnvelope {
    readonly req: CompileRequest;
    readonly reply: MessagePort;
    readonly flag: Int32Array;
}
