/**
 * Reads just enough of a WebAssembly module to copy its functions into another module: types,
 * function signatures, globals, exports and raw function bodies, and rewrites a body's function,
 * global and type indices. Scalar (MVP and saturating-truncation) code only: a body with other
 * instructions (SIMD, atomics, reference types) is refused, and the caller keeps calling the
 * library through imports instead.
 */
import { ValType } from "./encoder.js";

export interface DecodedGlobal {
  readonly type: ValType;
  readonly mutable: boolean;
  /** the constant initialiser expression's bytes, `end` excluded */
  readonly init: Uint8Array;
}

export interface DecodedModule {
  readonly types: readonly { readonly params: readonly ValType[]; readonly results: readonly ValType[] }[];
  /** imported functions come first in the function index space */
  readonly importedFunctions: number;
  readonly importedGlobals: number;
  /** type index of each defined function */
  readonly functionTypes: readonly number[];
  readonly globals: readonly DecodedGlobal[];
  readonly exports: ReadonlyMap<string, { readonly kind: number; readonly index: number }>;
  /** raw bodies (locals vector + code + end) of the defined functions */
  readonly bodies: readonly Uint8Array[];
}

class Reader {
  pos = 0;
  constructor(readonly b: Uint8Array) {}
  byte(): number {
    if (this.pos >= this.b.length) throw new Error("wasm: unexpected end");
    return this.b[this.pos++]!;
  }
  u32(): number {
    let r = 0;
    let shift = 0;
    for (;;) {
      const x = this.byte();
      r |= (x & 0x7f) << shift;
      if ((x & 0x80) === 0) return r >>> 0;
      shift += 7;
    }
  }
  /** skips a signed or unsigned LEB128 */
  leb(): void {
    while (this.byte() & 0x80);
  }
  bytes(n: number): Uint8Array {
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  name(): string {
    return new TextDecoder().decode(this.bytes(this.u32()));
  }
}

export function decodeModule(bytes: Uint8Array): DecodedModule {
  const r = new Reader(bytes);
  if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) throw new Error("wasm: bad magic");
  r.pos = 8;
  const types: { params: ValType[]; results: ValType[] }[] = [];
  const functionTypes: number[] = [];
  const globals: DecodedGlobal[] = [];
  const exports = new Map<string, { kind: number; index: number }>();
  const bodies: Uint8Array[] = [];
  let importedFunctions = 0;
  let importedGlobals = 0;
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    if (id === 1) {
      for (let n = r.u32(); n > 0; n--) {
        if (r.byte() !== 0x60) throw new Error("wasm: not a function type");
        const params = [...r.bytes(r.u32())] as ValType[];
        const results = [...r.bytes(r.u32())] as ValType[];
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = r.u32(); n > 0; n--) {
        r.name();
        r.name();
        const kind = r.byte();
        if (kind === 0) {
          r.u32();
          importedFunctions++;
        } else if (kind === 1) {
          r.byte();
          const flags = r.byte();
          r.u32();
          if (flags & 1) r.u32();
        } else if (kind === 2) {
          const flags = r.byte();
          r.u32();
          if (flags & 1) r.u32();
        } else if (kind === 3) {
          r.byte();
          r.byte();
          importedGlobals++;
        } else throw new Error("wasm: unknown import kind");
      }
    } else if (id === 3) {
      for (let n = r.u32(); n > 0; n--) functionTypes.push(r.u32());
    } else if (id === 6) {
      for (let n = r.u32(); n > 0; n--) {
        const type = r.byte() as ValType;
        const mutable = r.byte() === 1;
        const start = r.pos;
        // a constant expression: one instruction and `end`
        skipInstruction(r);
        const init = bytes.slice(start, r.pos);
        if (r.byte() !== 0x0b) throw new Error("wasm: global initialiser is not a single constant");
        globals.push({ type, mutable, init });
      }
    } else if (id === 7) {
      for (let n = r.u32(); n > 0; n--) {
        const name = r.name();
        const kind = r.byte();
        exports.set(name, { kind, index: r.u32() });
      }
    } else if (id === 10) {
      for (let n = r.u32(); n > 0; n--) {
        const len = r.u32();
        bodies.push(bytes.slice(r.pos, r.pos + len));
        r.pos += len;
      }
    } else if (id === 11 && size > 1) {
      throw new Error("wasm: data segments are not supported in a linked library");
    }
    r.pos = end;
  }
  return { types, importedFunctions, importedGlobals, functionTypes, globals, exports, bodies };
}

const MEMARG = (op: number): boolean => op >= 0x28 && op <= 0x3e;

/** Skips one instruction, reporting the positions of index immediates to `visit`. */
type IndexKind = "func" | "global" | "type" | "blocktype";

function skipInstruction(r: Reader, visit?: (kind: IndexKind, start: number, end: number) => void): number {
  const op = r.byte();
  const index = (kind: "func" | "global" | "type"): void => {
    const s = r.pos;
    r.u32();
    visit?.(kind, s, r.pos);
  };
  if (op === 0x02 || op === 0x03 || op === 0x04) {
    const s = r.pos;
    const b = r.b[r.pos]!;
    if (b === 0x40 || (b >= 0x7b && b <= 0x7f) || b === 0x70 || b === 0x6f) r.pos++;
    else {
      r.u32(); // a type index (non-negative s33)
      visit?.("blocktype", s, r.pos);
    }
  } else if (op === 0x0c || op === 0x0d || (op >= 0x20 && op <= 0x22)) r.u32();
  else if (op === 0x0e) {
    for (let n = r.u32(); n >= 0; n--) r.u32();
  } else if (op === 0x10) index("func");
  else if (op === 0x11) {
    index("type");
    r.u32();
  } else if (op === 0x23 || op === 0x24) index("global");
  else if (MEMARG(op)) {
    r.u32();
    r.u32();
  } else if (op === 0x3f || op === 0x40) r.byte();
  else if (op === 0x41 || op === 0x42) r.leb();
  else if (op === 0x43) r.pos += 4;
  else if (op === 0x44) r.pos += 8;
  else if (op === 0x1c) r.pos += r.u32();
  else if (op === 0xfc) {
    const sub = r.u32();
    if (sub > 7) {
      if (sub === 10) r.pos += 2;
      else if (sub === 11) r.pos += 1;
      else throw new Error(`wasm: unsupported instruction 0xfc ${sub}`);
    }
  } else if (op === 0xfd || op === 0xfe || op === 0xd0 || op === 0xd1 || op === 0xd2 || op === 0x25 || op === 0x26 || op === 0x12 || op === 0x13) {
    throw new Error(`wasm: unsupported instruction 0x${op.toString(16)}`);
  } else if (!(op <= 0x01 || op === 0x05 || op === 0x0b || op === 0x0f || op === 0x1a || op === 0x1b || (op >= 0x45 && op <= 0xc4))) {
    throw new Error(`wasm: unknown instruction 0x${op.toString(16)}`);
  }
  return op;
}

/** The function indices a body calls. */
export function calledFunctions(body: Uint8Array): number[] {
  const out: number[] = [];
  walk(body, (kind, s, e) => {
    if (kind === "func") out.push(new Reader(body.subarray(s, e)).u32());
  });
  return out;
}

/** The global indices a body writes. */
export function writtenGlobals(body: Uint8Array): number[] {
  const out: number[] = [];
  const r = new Reader(body);
  skipLocals(r);
  while (r.pos < body.length) {
    const at = r.pos;
    const op = skipInstruction(r);
    if (op === 0x24) out.push(new Reader(body.subarray(at + 1)).u32());
  }
  return out;
}

function skipLocals(r: Reader): void {
  for (let n = r.u32(); n > 0; n--) {
    r.u32();
    r.byte();
  }
}

function walk(body: Uint8Array, visit: (kind: IndexKind, start: number, end: number) => void): void {
  const r = new Reader(body);
  skipLocals(r);
  while (r.pos < body.length) skipInstruction(r, visit);
}

/** A copy of `body` with its function, global and type indices mapped. */
export function rewriteBody(body: Uint8Array, map: { func(i: number): number; global(i: number): number; type(i: number): number }): Uint8Array {
  const parts: number[] = [];
  let last = 0;
  const leb = (v: number, signed: boolean): number[] => {
    const out: number[] = [];
    for (;;) {
      const b = v & 0x7f;
      v >>>= 7;
      // a signed LEB (block types are s33) also needs the sign bit of its last byte clear
      if (v === 0 && (!signed || (b & 0x40) === 0)) {
        out.push(b);
        return out;
      }
      out.push(b | 0x80);
    }
  };
  walk(body, (kind, s, e) => {
    for (let i = last; i < s; i++) parts.push(body[i]!);
    const old = new Reader(body.subarray(s, e)).u32();
    parts.push(...leb(kind === "blocktype" ? map.type(old) : map[kind](old), kind === "blocktype"));
    last = e;
  });
  for (let i = last; i < body.length; i++) parts.push(body[i]!);
  return Uint8Array.from(parts);
}
