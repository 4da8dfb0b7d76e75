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
  } else if (op === 0xfd) {
    const sub = r.u32();
    if (sub <= 11 || sub === 92 || sub === 93) (r.u32(), r.u32()); // memarg
    else if (sub === 12 || sub === 13) r.pos += 16; // v128.const, i8x16.shuffle
    else if (sub >= 21 && sub <= 34) r.pos += 1; // extract/replace lane
    else if (sub >= 84 && sub <= 91) (r.u32(), r.u32(), (r.pos += 1)); // load/store lane
    else if (sub > 255) throw new Error(`wasm: unsupported instruction 0xfd ${sub}`);
  } else if (op === 0xfe || op === 0xd0 || op === 0xd1 || op === 0xd2 || op === 0x25 || op === 0x26 || op === 0x12 || op === 0x13) {
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

/**
 * The opcode of each instruction of a body (a prefixed one as its prefix and sub-opcode,
 * `0xfd00 | sub`), with the number of `loop` blocks around it: what runs per trip, for tests.
 */
export function opcodesInLoops(body: Uint8Array): { readonly op: number; readonly loops: number }[] {
  const out: { op: number; loops: number }[] = [];
  const r = new Reader(body);
  skipLocals(r);
  const open: boolean[] = [];
  let loops = 0;
  while (r.pos < body.length) {
    const at = r.pos;
    const op = skipInstruction(r);
    const full = op === 0xfc || op === 0xfd ? (op << 8) | new Reader(body.subarray(at + 1)).u32() : op;
    out.push({ op: full, loops });
    if (op === 0x02 || op === 0x03 || op === 0x04) {
      open.push(op === 0x03);
      if (op === 0x03) loops++;
    } else if (op === 0x0b && open.length > 0 && open.pop()) loops--;
  }
  return out;
}

/** For each loop of a body, in the order they open: its nesting depth (1 outermost) and the opcodes directly in it (not in loops nested in it). */
export function opcodesPerLoop(body: Uint8Array): { readonly depth: number; readonly ops: number[] }[] {
  const out: { depth: number; ops: number[] }[] = [];
  const stack: ({ depth: number; ops: number[] } | null)[] = [];
  let current: { depth: number; ops: number[] } | null = null;
  for (const { op, loops } of opcodesInLoops(body)) {
    if (op === 0x0b && stack.length > 0) {
      current = stack.pop()!;
      continue;
    }
    current?.ops.push(op);
    if (op === 0x02 || op === 0x04) stack.push(current);
    else if (op === 0x03) {
      stack.push(current);
      out.push((current = { depth: loops + 1, ops: [] }));
    }
  }
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
export function inlinable(body: Uint8Array, type: { params: readonly ValType[]; results: readonly ValType[] }, links = false): InlineBody | null {
  const r = new Reader(body);
  const locals: ValType[] = [];
  for (let n = r.u32(); n > 0; n--) {
    const count = r.u32();
    const t = r.byte() as ValType;
    for (let k = 0; k < count; k++) locals.push(t);
  }
  const start = r.pos;
  const constants = new Map<string, Uint8Array>();
  try {
    while (r.pos < body.length) {
      const at = r.pos;
      let refused = false;
      const op = skipInstruction(r, (kind) => (refused ||= kind === "blocktype" || kind === "type" || !links));
      const sub = op === 0xfd || op === 0xfc ? new Reader(body.subarray(at + 1)).u32() : -1;
      const memory = MEMARG(op) || op === 0x3f || op === 0x40 || (op === 0xfc && sub >= 8 && sub <= 17) || (op === 0xfd && (sub <= 11 || (sub >= 84 && sub <= 93)));
      if (refused || (memory && !links) || op === 0x11) return null;
      if (op === 0xfd && sub === 12) {
        const bytes = body.slice(r.pos - 16, r.pos);
        constants.set(bytes.join(","), bytes);
      }
    }
  } catch {
    return null;
  }
  return { params: type.params, results: type.results, locals, constants: [...constants.values()], code: body.slice(start) };
}

/**
 * Appends `f` inlined to `out`: pops the arguments (pushed by the caller) into locals, then a
 * block of `f`'s result type runs the body with its locals mapped by `local` (parameters first, each body
 * local zeroed first, as a call would), its `return`s turned into branches out of the block,
 * and each v128.const replaced by `local.get constLocal(k)` (k indexing `f.constants`), so the
 * caller can set the constants once outside its loop. Calls and globals go through `links`.
 */
export function emitInlined(
  out: { byte(b: number): unknown; u32(v: number): unknown; bytes(b: ArrayLike<number>): unknown },
  f: InlineBody,
  local: (i: number) => number,
  constLocal: (k: number) => number,
  links?: { func(i: number): number; global(i: number): number },
): void {
  const zero: Record<number, number[]> = {
    [ValType.i32]: [0x41, 0],
    [ValType.i64]: [0x42, 0],
    [ValType.f32]: [0x43, 0, 0, 0, 0],
    [ValType.f64]: [0x44, 0, 0, 0, 0, 0, 0, 0, 0],
    [ValType.v128]: [0xfd, 12, ...new Array<number>(16).fill(0)],
  };
  if (f.results.length > 1) throw new Error("internal: cannot inline a multi-value function");
  for (let p = f.params.length - 1; p >= 0; p--) (out.byte(0x21), out.u32(local(p)));
  out.byte(0x02);
  out.byte(f.results.length ? f.results[0]! : 0x40);
  f.locals.forEach((t, k) => {
    out.bytes(zero[t]!);
    out.byte(0x21);
    out.u32(local(f.params.length + k));
  });
  const keys = f.constants.map((c) => c.join(","));
  const r = new Reader(f.code);
  let depth = 0;
  while (r.pos < f.code.length) {
    const at = r.pos;
    const op = skipInstruction(r);
    if (op >= 0x20 && op <= 0x22) {
      out.byte(op);
      out.u32(local(new Reader(f.code.subarray(at + 1)).u32()));
    } else if (op === 0x0f) {
      out.byte(0x0c);
      out.u32(depth);
    } else if (op === 0x10 || op === 0x23 || op === 0x24) {
      if (!links) throw new Error("internal: an inlined body with calls or globals needs their mapping");
      const i = new Reader(f.code.subarray(at + 1)).u32();
      out.byte(op);
      out.u32(op === 0x10 ? links.func(i) : links.global(i));
    } else if (op === 0xfd && new Reader(f.code.subarray(at + 1)).u32() === 12) {
      out.byte(0x20);
      out.u32(constLocal(keys.indexOf(f.code.slice(r.pos - 16, r.pos).join(","))));
    } else {
      if (op === 0x02 || op === 0x03 || op === 0x04) depth++;
      else if (op === 0x0b) depth--;
      out.bytes(f.code.subarray(at, r.pos));
    }
  }
  if (depth !== -1) throw new Error("internal: unbalanced inlined body");
}
