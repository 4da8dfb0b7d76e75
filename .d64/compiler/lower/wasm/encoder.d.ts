/**
 * A small WebAssembly binary encoder: the only code in parfor that knows the binary format.
 *
 * Why not binaryen.js: it is 108 MB installed, ESM-only with top-level await, takes 250-320 ms to
 * import (half of our cold-start budget), and its O3 gave no steady-state speed over V8's own
 * optimiser on our kernels. The subset we emit (one memory import, f64/i32/i64/v128 code,
 * structured control flow, atomics-free loads and stores) is small enough to encode directly, and
 * encoding is deterministic: the same kernel gives the same bytes.
 */
export declare const enum ValType {
    i32 = 127,
    i64 = 126,
    f32 = 125,
    f64 = 124,
    v128 = 123
}
/** Block type of structured instructions: empty or one result. */
export type BlockType = ValType | "void";
/** A growable byte buffer with LEB128 helpers. */
export declare class Bytes {
    private buf;
    length: number;
    private reserve;
    byte(b: number): this;
    bytes(bs: ArrayLike<number>): this;
    u32(v: number): this;
    s32(v: number): this;
    s64(v: bigint): this;
    f64(v: number): this;
    name(s: string): this;
    /** A length-prefixed copy of another buffer (sections, function bodies). */
    sized(inner: Bytes): this;
    view(): Uint8Array;
}
/** Memory argument of loads and stores: alignment is log2 of the natural alignment. */
export interface MemArg {
    readonly align: number;
    readonly offset: number;
}
/** One function body under construction: locals plus an instruction stream. */
export declare class FunctionBuilder {
    readonly name: string;
    readonly params: readonly ValType[];
    readonly results: readonly ValType[];
    readonly code: Bytes;
    private readonly localTypes;
    constructor(name: string, params: readonly ValType[], results: readonly ValType[]);
    /** Declares a new local and returns its index. */
    local(t: ValType): number;
    op(...bs: number[]): this;
    /** 0xFC-prefixed instructions (saturating truncation, bulk memory). */
    opFC(sub: number): this;
    /** 0xFE-prefixed atomic memory instructions, with their memory argument. */
    atomic(sub: number, m: MemArg): this;
    /** 0xFD-prefixed SIMD instructions. */
    opFD(sub: number): this;
    block(t: BlockType): this;
    loop(t: BlockType): this;
    if_(t: BlockType): this;
    else_(): this;
    end(): this;
    br(depth: number): this;
    brIf(depth: number): this;
    return_(): this;
    unreachable(): this;
    call(fnIndex: number): this;
    drop(): this;
    select(): this;
    globalGet(i: number): this;
    localGet(i: number): this;
    localSet(i: number): this;
    localTee(i: number): this;
    i32Const(v: number): this;
    i64Const(v: bigint): this;
    f64Const(v: number): this;
    /** A load or store opcode with its memarg. */
    mem(opcode: number, m: MemArg): this;
    /** The complete body: locals vector (run-length grouped) then code then `end`. */
    encodeBody(): Bytes;
}
/** Anything with a signature and an encoded body (a FunctionBuilder, or a copied function). */
export interface FunctionLike {
    readonly params: readonly ValType[];
    readonly results: readonly ValType[];
    encodeBody(): Bytes;
}
/** A function copied from another module: its body bytes, indices already mapped. */
export declare class RawFunction implements FunctionLike {
    readonly params: readonly ValType[];
    readonly results: readonly ValType[];
    private readonly body;
    constructor(params: readonly ValType[], results: readonly ValType[], body: Uint8Array);
    encodeBody(): Bytes;
}
/**
 * A module: function imports first (their indices come before defined functions, as the format
 * requires), then one imported shared memory, defined functions and exports.
 */
export declare class ModuleBuilder {
    private readonly memory;
    private readonly types;
    private readonly typeKeys;
    private readonly imports;
    private readonly importKeys;
    private readonly functions;
    private readonly globalImports;
    private readonly globals;
    private readonly exports;
    private sealedImports;
    constructor(memory: {
        module: string;
        field: string;
        minPages: number;
        maxPages: number;
        shared: boolean;
    });
    typeIndex(params: readonly ValType[], results: readonly ValType[]): number;
    /** Declares (once) an imported function and returns its function index. */
    importFunc(module: string, field: string, params: readonly ValType[], results: readonly ValType[]): number;
    /** Declares an imported immutable global; returns its global index (before any defined global). */
    importGlobal(module: string, field: string, type: ValType): number;
    /** Defines a global initialised by the constant expression `init` (without `end`). */
    addGlobal(type: ValType, mutable: boolean, init: Uint8Array): number;
    /** Adds a defined function; returns its function index (imports come first). */
    addFunction(fb: FunctionLike): number;
    /** Function index the next `addFunction` will return (for forward calls). */
    nextFunctionIndex(): number;
    exportFunc(name: string, index: number): void;
    encode(): Uint8Array;
}
