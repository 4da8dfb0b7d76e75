import { type MessagePort } from "node:worker_threads";
import { type Host } from "../host.js";
import { type WasmMemory } from "../wasm.js";
/** What the pool sends a worker when it starts. */
export interface WorkerInit {
    readonly memory: WasmMemory;
    readonly port: MessagePort;
    /** held, never used: its closing tells the watcher that this worker ended */
    readonly lifeline: MessagePort;
    readonly index: number;
    readonly epoch: number;
}
/** The worker entry: dist/runtime/worker.js, or under dist/ when running from TS source. */
export declare function workerUrl(): URL;
/**
 * Why the worker entry is missing, and what to do. parfor bundled into a program for Node (this
 * module is then part of the bundle, not dist/runtime/host/node.js) looks for the entry next to
 * the bundle; in parfor's own checkout it is the TypeScript build that has not run.
 */
export declare function missingWorkerEntry(path: string, self?: string): string;
/** process.execArgv without the options that only make sense for the main program. */
export declare function workerExecArgv(argv?: readonly string[]): string[];
export declare const nodeHost: Host;
