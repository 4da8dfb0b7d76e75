/**
 * A small WebAssembly binary encoder: the only code in parfor that knows the binary format.
 *
 * Why not binaryen.js: it is 108 MB installed, ESM-only with top-level await, takes 250-320 ms to
 * import (half of our cold-start budget), and its O3 gave no steady-state speed over V8's own
 * optimiser on our kernels. The subset we emit (one memory import, f64/i32/i64/v128 code,
 * structured control flow, atomics-free loads and stores) is small enough to encode directly, and
 * encoding is deterministic: the same kernel gives the same bytes.
 */

export const enum ValType {
  i32 = 0x7f,
  i64 = 0x7e,
  f32 = 0x7d,
  f64 = 0x7c,
  v128 = 0x7b,
}

/** Block type of structured instructions: empty or one result. */
export type BlockType = ValType | "void";

/** A growable byte buffer with LEB128 helpers. */
export class Bytes {
  private buf = new Uint8Array(256);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  byte(b: number): this {
    this.reserve(1);
    this.buf[this.length++] = b & 0xff;
    return this;
  }
  bytes(bs: ArrayLike<number>): this {
    this.reserve(bs.length);
    this.buf.set(bs, this.length);
    this.length += bs.length;
    return this;
  }
  u32(v: number): this {
    v >>>= 0;
    do {
      let b = v & 0x7f;
      v >>>= 7;
      if (v !== 0) b |= 0x80;
      this.byte(b);
    } while (v !== 0);
    return this;
  }
  s32(v: number): this {
    v |= 0;
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
        this.byte(b);
        return this;
      }
      this.byte(b | 0x80);
    }
  }
  s64(v: bigint): this {
    v = BigInt.asIntN(64, v);
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
        this.byte(b);
        return this;
      }
      this.byte(b | 0x80);
    }
  }
  f64(v: number): this {
    const dv = new DataView(new ArrayBuffer(8));
    dv.setFloat64(0, v, true);
    return this.bytes(new Uint8Array(dv.buffer));
  }
  name(s: string): this {
    const enc = new TextEncoder().encode(s);
    return this.u32(enc.length).bytes(enc);
  }
  /** A length-prefixed copy of another buffer (sections, function bodies). */
  sized(inner: Bytes): this {
    return this.u32(inner.length).bytes(inner.view());
  }
  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/** Memory argument of loads and stores: alignment is log2 of the natural alignment. */
export interface MemArg {
  readonly align: number;
  readonly offset: number;
}

/** One function body under construction: locals plus an instruction stream. */
export class FunctionBuilder {
  readonly code = new Bytes();
  private readonly localTypes: ValType[] = [];

  constructor(
    readonly name: string,
    readonly params: readonly ValType[],
    readonly results: readonly ValType[],
  ) {}

  /** Declares a new local and returns its index. */
  local(t: ValType): number {
    this.localTypes.push(t);
    return this.params.length + this.localTypes.length - 1;
  }

  op(...bs: number[]): this {
    this.code.bytes(bs);
    return this;
  }
  /** 0xFC-prefixed instructions (saturating truncation, bulk memory). */
  opFC(sub: number): this {
    this.code.byte(0xfc).u32(sub);
    return this;
  }
  /** 0xFE-prefixed atomic memory instructions, with their memory argument. */
  atomic(sub: number, m: MemArg): this {
    this.code.byte(0xfe).u32(sub).u32(m.align).u32(m.offset);
    return this;
  }
  /** 0xFD-prefixed SIMD instructions. */
  opFD(sub: number): this {
    this.code.byte(0xfd).u32(sub);
    return this;
  }
  block(t: BlockType): this {
    return this.op(0x02, t === "void" ? 0x40 : t);
  }
  loop(t: BlockType): this {
    return this.op(0x03, t === "void" ? 0x40 : t);
  }
  if_(t: BlockType): this {
    return this.op(0x04, t === "void" ? 0x40 : t);
  }
  else_(): this {
    return this.op(0x05);
  }
  end(): this {
    return this.op(0x0b);
  }
  br(depth: number): this {
    this.op(0x0c);
    this.code.u32(depth);
    return this;
  }
  brIf(depth: number): this {
    this.op(0x0d);
    this.code.u32(depth);
    return this;
  }
  return_(): this {
    return this.op(0x0f);
  }
  unreachable(): this {
    return this.op(0x00);
  }
  call(fnIndex: number): this {
    this.op(0x10);
    this.code.u32(fnIndex);
    return this;
  }
  drop(): this {
    return this.op(0x1a);
  }
  select(): this {
    return this.op(0x1b);
  }
  globalGet(i: number): this {
    this.op(0x23);
    this.code.u32(i);
    return this;
  }
  localGet(i: number): this {
    this.op(0x20);
    this.code.u32(i);
    return this;
  }
  localSet(i: number): this {
    this.op(0x21);
    this.code.u32(i);
    return this;
  }
  localTee(i: number): this {
    this.op(0x22);
    this.code.u32(i);
    return this;
  }
  i32Const(v: number): this {
    this.op(0x41);
    this.code.s32(v);
    return this;
  }
  i64Const(v: bigint): this {
    this.op(0x42);
    this.code.s64(v);
    return this;
  }
  f64Const(v: number): this {
    this.op(0x44);
    this.code.f64(v);
    return this;
  }
  /** A load or store opcode with its memarg. */
  mem(opcode: number, m: MemArg): this {
    this.op(opcode);
    this.code.u32(m.align).u32(m.offset);
    return this;
  }

  /** The complete body: locals vector (run-length grouped) then code then `end`. */
  encodeBody(): Bytes {
    const body = new Bytes();
    const groups: [number, ValType][] = [];
    for (const t of this.localTypes) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    body.u32(groups.length);
    for (const [n, t] of groups) body.u32(n).byte(t);
    body.bytes(this.code.view());
    body.byte(0x0b);
    return body;
  }
}

interface ImportFunc {
  readonly module: string;
  readonly field: string;
  readonly type: number;
}

/** Anything with a signature and an encoded body (a FunctionBuilder, or a copied function). */
export interface FunctionLike {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  encodeBody(): Bytes;
}

/** A function copied from another module: its body bytes, indices already mapped. */
export class RawFunction implements FunctionLike {
  constructor(
    readonly params: readonly ValType[],
    readonly results: readonly ValType[],
    private readonly body: Uint8Array,
  ) {}
  encodeBody(): Bytes {
    return new Bytes().bytes(this.body);
  }
}

/**
 * A module: function imports first (their indices come before defined functions, as the format
 * requires), then one imported shared memory, defined functions and exports.
 */
export class ModuleBuilder {
  private readonly types: { params: readonly ValType[]; results: readonly ValType[] }[] = [];
  private readonly typeKeys = new Map<string, number>();
  private readonly imports: ImportFunc[] = [];
  private readonly importKeys = new Map<string, number>();
  private readonly functions: { fb: FunctionLike; type: number }[] = [];
  private readonly globalImports: { module: string; field: string; type: ValType }[] = [];
  private readonly globals: { type: ValType; mutable: boolean; init: Uint8Array }[] = [];
  private readonly exports: { name: string; index: number }[] = [];
  private sealedImports = false;

  constructor(
    private readonly memory: { module: string; field: string; minPages: number; maxPages: number; shared: boolean },
  ) {}

  typeIndex(params: readonly ValType[], results: readonly ValType[]): number {
    const key = params.join(",") + "->" + results.join(",");
    let idx = this.typeKeys.get(key);
    if (idx === undefined) {
      idx = this.types.length;
      this.types.push({ params, results });
      this.typeKeys.set(key, idx);
    }
    return idx;
  }

  /** Declares (once) an imported function and returns its function index. */
  importFunc(module: string, field: string, params: readonly ValType[], results: readonly ValType[]): number {
    const key = module + "." + field + ":" + params.join(",") + "->" + results.join(",");
    const have = this.importKeys.get(key);
    if (have !== undefined) return have;
    if (this.sealedImports) throw new Error(`internal: import ${key} declared after the first function`);
    const idx = this.imports.length;
    this.imports.push({ module, field, type: this.typeIndex(params, results) });
    this.importKeys.set(key, idx);
    return idx;
  }

  /** Declares an imported immutable global; returns its global index (before any defined global). */
  importGlobal(module: string, field: string, type: ValType): number {
    if (this.globals.length) throw new Error("internal: global import declared after a global");
    this.globalImports.push({ module, field, type });
    return this.globalImports.length - 1;
  }

  /** Defines a global initialised by the constant expression `init` (without `end`). */
  addGlobal(type: ValType, mutable: boolean, init: Uint8Array): number {
    this.globals.push({ type, mutable, init });
    return this.globalImports.length + this.globals.length - 1;
  }

  /** Adds a defined function; returns its function index (imports come first). */
  addFunction(fb: FunctionLike): number {
    this.sealedImports = true;
    this.functions.push({ fb, type: this.typeIndex(fb.params, fb.results) });
    return this.imports.length + this.functions.length - 1;
  }

  /** Function index the next `addFunction` will return (for forward calls). */
  nextFunctionIndex(): number {
    this.sealedImports = true;
    return this.imports.length + this.functions.length;
  }

  exportFunc(name: string, index: number): void {
    this.exports.push({ name, index });
  }

  encode(): Uint8Array {
    const out = new Bytes();
    out.bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    const section = (id: number, fill: (b: Bytes) => void): void => {
      const b = new Bytes();
      fill(b);
      out.byte(id).sized(b);
    };
    section(1, (b) => {
      b.u32(this.types.length);
      for (const t of this.types) {
        b.byte(0x60).u32(t.params.length).bytes(t.params).u32(t.results.length).bytes(t.results);
      }
    });
    section(2, (b) => {
      b.u32(this.imports.length + this.globalImports.length + 1);
      for (const im of this.imports) b.name(im.module).name(im.field).byte(0x00).u32(im.type);
      for (const g of this.globalImports) b.name(g.module).name(g.field).byte(0x03).byte(g.type).byte(0x00);
      const m = this.memory;
      b.name(m.module).name(m.field).byte(0x02).byte(m.shared ? 0x03 : 0x01).u32(m.minPages).u32(m.maxPages);
    });
    section(3, (b) => {
      b.u32(this.functions.length);
      for (const f of this.functions) b.u32(f.type);
    });
    if (this.globals.length) {
      section(6, (b) => {
        b.u32(this.globals.length);
        for (const g of this.globals) b.byte(g.type).byte(g.mutable ? 1 : 0).bytes(g.init).byte(0x0b);
      });
    }
    section(7, (b) => {
      b.u32(this.exports.length);
      for (const e of this.exports) b.name(e.name).byte(0x00).u32(e.index);
    });
    section(10, (b) => {
      b.u32(this.functions.length);
      for (const f of this.functions) b.sized(f.fb.encodeBody());
    });
    return out.view().slice();
  }
}
