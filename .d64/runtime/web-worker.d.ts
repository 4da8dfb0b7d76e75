import type { DropMessage, KernelMessage } from "./pool.js";
import { type WasmMemory, type WasmModule } from "./wasm.js";
/** The first message a web pool worker receives. */
export interface WebWorkerInit {
    readonly kind: "init";
    readonly memory: WasmMemory;
    readonly index: number;
    readonly epoch: number;
    readonly math: WasmModule | null;
    readonly messages: readonly (KernelMessage | DropMessage)[];
}
