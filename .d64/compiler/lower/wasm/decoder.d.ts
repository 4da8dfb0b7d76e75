/**
 * Reads just enough of a WebAssembly module to copy its functions into another module: types,
 * function signatures, globals, exports and raw function bodies, and rewrites a body's function,
 * global and type indices. MVP, saturating-truncation and fixed-width SIMD code only: a body with
 * other instructions (atomics, reference types, relaxed SIMD) is refused, and the caller keeps
 * calling the library through imports instead.
 */
import { ValType } from "./encoder.js";
export interface DecodedGlobal {
    readonly type: ValType;
    readonly mutable: boolean;
    /** the constant initialiser expression's bytes, `end` excluded */
    readonly init: Uint8Array;
}
export interface DecodedModule {
    readonly types: readonly {
        readonly params: readonly ValType[];
        readonly results: readonly ValType[];
    }[];
    /** imported functions come first in the function index space */
    readonly importedFunctions: number;
    readonly importedGlobals: number;
    /** type index of each defined function */
    readonly functionTypes: readonly number[];
    readonly globals: readonly DecodedGlobal[];
    readonly exports: ReadonlyMap<string, {
        readonly kind: number;
        readonly index: number;
    }>;
    /** raw bodies (locals vector + code + end) of the defined functions */
    readonly bodies: readonly Uint8Array[];
}
export declare function decodeModule(bytes: Uint8Array): DecodedModule;
/** The function indices a body calls. */
export declare function calledFunctions(body: Uint8Array): number[];
/** The global indices a body writes. */
export declare function writtenGlobals(body: Uint8Array): number[];
/** A copy of `body` with its function, global and type indices mapped. */
export declare function rewriteBody(body: Uint8Array, map: {
    func(i: number): number;
    global(i: number): number;
    type(i: number): number;
}): Uint8Array;
/** A leaf function's body prepared for inlining (see `inlinable`). */
export interface InlineBody {
    readonly params: readonly ValType[];
    readonly results: readonly ValType[];
    /** the body's own locals (after the parameters), in index order */
    readonly locals: readonly ValType[];
    /** the distinct v128.const values the body uses, 16 bytes each */
    readonly constants: readonly Uint8Array[];
    /** the instructions, function-final `end` included */
    readonly code: Uint8Array;
}
/**
 * `body` as an inlinable function: null when it uses call_indirect or a block type by index, or
 * (unless `links`, where the caller maps function and global indices) when it calls, reads or
 * writes globals or touches memory.
 */
export declare function inlinable(body: Uint8Array, type: {
    params: readonly ValType[];
    results: readonly ValType[];
}, links?: boolean): InlineBody | null;
/**
 * Appends `f` inlined to `out`: pops the arguments (pushed by the caller) into locals, then a
 * block of `f`'s result type runs the body with its locals mapped by `local` (parameters first, each body
 * local zeroed first, as a call would), its `return`s turned into branches out of the block,
 * and each v128.const replaced by `local.get constLocal(k)` (k indexing `f.constants`), so the
 * caller can set the constants once outside its loop. Calls and globals go through `links`.
 */
export declare function emitInlined(out: {
    byte(b: number): unknown;
    u32(v: number): unknown;
    bytes(b: ArrayLike<number>): unknown;
}, f: InlineBody, local: (i: number) => number, constLocal: (k: number) => number, links?: {
    func(i: number): number;
    global(i: number): number;
}): void;
