/**
 * Typed access to the parts of the WebAssembly JS API and of Atomics.waitAsync the runtime uses.
 * The project compiles with lib ES2023 and @types/node, which declare neither, and a module-local
 * declaration (instead of a global one) cannot clash with declarations elsewhere in the project.
 */
/** A WebAssembly.Memory. */
export interface WasmMemory {
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
    grow(deltaPages: number): number;
}
/** A compiled WebAssembly.Module (opaque; it can be posted to workers). */
export interface WasmModule {
    readonly __wasmModule?: never;
}
/** A WebAssembly.Instance. */
export interface WasmInstance {
    readonly exports: Record<string, unknown>;
}
/** Imports of an instance: module name -> field -> value. */
export type WasmImports = Record<string, Record<string, unknown>>;
interface WasmApi {
    Memory: new (d: {
        initial: number;
        maximum?: number;
        shared?: boolean;
    }) => WasmMemory;
    Module: new (bytes: Uint8Array) => WasmModule;
    Instance: new (m: WasmModule, imports: WasmImports) => WasmInstance;
    RuntimeError: new (message?: string) => Error;
    Global: new (d: {
        value: "i32" | "i64" | "f64";
        mutable?: boolean;
    }, v: number) => {
        value: number;
    };
}
/**
 * Why this process cannot run compiled kernels, or null when it can: no WebAssembly (`--jitless`,
 * `--no-expose-wasm`, an embedder that removed it) or no SharedArrayBuffer (the one memory every
 * thread shares is a shared WebAssembly.Memory).
 */
export declare function wasmUnavailable(): string | null;
/** globalThis.WebAssembly, typed (a stand-in that throws a clear error when the process has none). */
export declare const Wasm: WasmApi;
/** Result of Atomics.waitAsync. */
export type WaitAsyncResult = {
    async: false;
    value: "not-equal" | "timed-out";
} | {
    async: true;
    value: Promise<"ok" | "timed-out">;
};
/** Atomics.waitAsync (Node 16+), typed. */
export declare function waitAsync(ta: Int32Array, index: number, value: number, timeoutMs: number): WaitAsyncResult;
export {};
