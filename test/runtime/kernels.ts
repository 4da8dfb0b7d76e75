/**
 * Hand-built kernels that obey compiler/artifact.ts, for testing the runtime without the compiler.
 * Each returns a CompiledKernel; `loadTest` loads it with a fixed origin.
 */

import type { CompiledKernel, ParamSlot } from "../../compiler/artifact.js";
import { FunctionBuilder, ModuleBuilder, ValType } from "../../compiler/lower/wasm/encoder.js";
import { load, type LoadedKernel } from "../../runtime/invoke.js";
import type { RunSettings } from "../../runtime/options.js";

const I32 = ValType.i32;
const F64 = ValType.f64;

// opcodes
const I32_LOAD = 0x28;
const F64_LOAD = 0x2b;
const F64_STORE = 0x39;
const I32_EQ = 0x46;
const I32_GE_S = 0x4e;
const I32_GE_U = 0x4f;
const I32_ADD = 0x6a;
const I32_MUL = 0x6c;
const I32_DIV_S = 0x6d;
const I32_SHL = 0x74;
const I32_EQZ = 0x45;
const F64_ADD = 0xa0;
const F64_MUL = 0xa2;
const F64_DIV = 0xa3;
const F64_FROM_I32 = 0xb7;

const i32At = (f: FunctionBuilder, base: number, offset: number): FunctionBuilder =>
  f.localGet(base).mem(I32_LOAD, { align: 2, offset });
const f64At = (f: FunctionBuilder, base: number, offset: number): FunctionBuilder =>
  f.localGet(base).mem(F64_LOAD, { align: 3, offset });

function newModule(): { mb: ModuleBuilder; prange: number; oob: number } {
  const mb = new ModuleBuilder({ module: "env", field: "memory", minPages: 1, maxPages: 65536, shared: true });
  const prange = mb.importFunc("env", "prange", [I32, I32, F64, F64, F64], []);
  const oob = mb.importFunc("env", "oob", [I32, F64], []);
  return { mb, prange, oob };
}

/** Emits `if (idx >=u len(frame+lenOff)) { oob(site, idx); unreachable }` with idx in local `idx`. */
function boundsCheck(f: FunctionBuilder, oob: number, frame: number, idx: number, lenOff: number, site: number): void {
  f.localGet(idx);
  i32At(f, frame, lenOff);
  f.op(I32_GE_U).if_("void").i32Const(site).localGet(idx).op(F64_FROM_I32).call(oob).unreachable().end();
}

/** `it = itLo; while (it < itHi) { body(i); it++ }` where i = start + it*step (frame offsets). */
function chunkLoop(f: FunctionBuilder, startOff: number, stepOff: number, i: number, body: () => void): void {
  const it = f.local(I32);
  f.localGet(1).localSet(it);
  f.block("void").loop("void");
  f.localGet(it).localGet(2).op(I32_GE_S).brIf(1);
  i32At(f, 0, startOff);
  f.localGet(it);
  i32At(f, 0, stepOff);
  f.op(I32_MUL, I32_ADD).localSet(i);
  body();
  f.localGet(it).i32Const(1).op(I32_ADD).localSet(it).br(0);
  f.end().end();
}

/**
 * `sum`: params a: Float64Array (read, written), off: i, trapAt: i, start: f, stop: f.
 *   let s = 0; for (const i of prange(start, stop)) { if (i === trapAt) trap; a[i + off] = i * 2; s += 1 / (i + 1); } return s;
 * Frame: a 0/4, off 8, trapAt 12, start 16, stop 24, loop start/step 32/36, s 40.
 */
export function sumKernel(): CompiledKernel {
  const { mb, prange, oob } = newModule();
  const main = new FunctionBuilder("main", [I32], [F64]);
  main.localGet(0).f64Const(0).mem(F64_STORE, { align: 3, offset: 40 });
  main.i32Const(0).localGet(0);
  f64At(main, 0, 16);
  f64At(main, 0, 24);
  main.f64Const(1).call(prange);
  f64At(main, 0, 40);

  const loop = new FunctionBuilder("loop_0", [I32, I32, I32, I32], []);
  const i = loop.local(I32);
  const idx = loop.local(I32);
  const acc = loop.local(F64);
  chunkLoop(loop, 32, 36, i, () => {
    loop.localGet(i);
    i32At(loop, 0, 12);
    loop.op(I32_EQ).if_("void").unreachable().end();
    loop.localGet(i);
    i32At(loop, 0, 8);
    loop.op(I32_ADD).localSet(idx);
    boundsCheck(loop, oob, 0, idx, 4, 0);
    i32At(loop, 0, 0);
    loop.localGet(idx).i32Const(3).op(I32_SHL, I32_ADD);
    loop.localGet(i).op(F64_FROM_I32).f64Const(2).op(F64_MUL).mem(F64_STORE, { align: 3, offset: 0 });
    loop.localGet(acc).f64Const(1).localGet(i).op(F64_FROM_I32).f64Const(1).op(F64_ADD, F64_DIV, F64_ADD).localSet(acc);
  });
  loop.localGet(3).localGet(acc).mem(F64_STORE, { align: 3, offset: 0 });

  const combine = new FunctionBuilder("combine_0", [I32, I32, I32], []);
  const c = combine.local(I32);
  const s = combine.local(F64);
  f64At(combine, 0, 40).localSet(s);
  combine.block("void").loop("void");
  combine.localGet(c).localGet(2).op(I32_GE_S).brIf(1);
  combine.localGet(s).localGet(1).localGet(c).i32Const(3).op(I32_SHL, I32_ADD).mem(F64_LOAD, { align: 3, offset: 0 });
  combine.op(F64_ADD).localSet(s);
  combine.localGet(c).i32Const(1).op(I32_ADD).localSet(c).br(0);
  combine.end().end();
  combine.localGet(0).localGet(s).mem(F64_STORE, { align: 3, offset: 40 });

  mb.exportFunc("main", mb.addFunction(main));
  mb.exportFunc("loop_0", mb.addFunction(loop));
  mb.exportFunc("combine_0", mb.addFunction(combine));
  const params: ParamSlot[] = [
    { name: "a", kind: "array", array: "Float64Array", offset: 0, lengthOffset: 4, read: true, written: true },
    { name: "off", kind: "i", offset: 8 },
    { name: "trapAt", kind: "i", offset: 12 },
    { name: "start", kind: "f", offset: 16 },
    { name: "stop", kind: "f", offset: 24 },
  ];
  return {
    wasm: mb.encode(),
    frameSize: 48,
    params,
    loops: [{ id: 0, startOffset: 32, stepOffset: 36, wideIndex: false, reductions: 1, line: 3, column: 22 }],
    returns: "f64",
    sites: [{ array: "a", line: 5, column: 5 }],
    mathImports: [],
  };
}

/** Plain-JS reference of `sum` for a range with step 1 and chunk-ordered combination. */
export function sumReference(start: number, stop: number, chunk: number): number {
  let s = 0;
  for (let lo = start; lo < stop; lo += chunk) {
    let acc = 0;
    for (let i = lo; i < Math.min(stop, lo + chunk); i++) acc += 1 / (i + 1);
    s += acc;
  }
  return s;
}

/**
 * `empty`: params reps: i, n: i; `for (r < reps) for (const i of prange(n)) {}`; returns void.
 * Frame: reps 0, n 4, loop start/step 8/12.
 */
export function emptyKernel(): CompiledKernel {
  const { mb, prange } = newModule();
  const main = new FunctionBuilder("main", [I32], []);
  const r = main.local(I32);
  main.block("void").loop("void");
  main.localGet(r);
  i32At(main, 0, 0);
  main.op(I32_GE_S).brIf(1);
  main.i32Const(0).localGet(0).f64Const(0);
  i32At(main, 0, 4);
  main.op(F64_FROM_I32).f64Const(1).call(prange);
  main.localGet(r).i32Const(1).op(I32_ADD).localSet(r).br(0);
  main.end().end();
  const loop = new FunctionBuilder("loop_0", [I32, I32, I32, I32], []);
  mb.exportFunc("main", mb.addFunction(main));
  mb.exportFunc("loop_0", mb.addFunction(loop));
  return {
    wasm: mb.encode(),
    frameSize: 16,
    params: [
      { name: "reps", kind: "i", offset: 0 },
      { name: "n", kind: "i", offset: 4 },
    ],
    loops: [{ id: 0, startOffset: 8, stepOffset: 12, wideIndex: false, reductions: 0, line: 2, column: 3 }],
    returns: "void",
    sites: [],
    mathImports: [],
  };
}

/**
 * `copy`: params src: Float64Array (read), dst: Float64Array (written, not read);
 * `for (const i of prange(dst.length)) dst[i] = src[i] + 1`. Frame: src 0/4, dst 8/12, loop 16/20.
 * `srcWritten` marks src as written too (it is not), to check copy-back of non-written views.
 */
export function copyKernel(flags: { srcRead?: boolean; dstRead?: boolean } = {}): CompiledKernel {
  const { mb, prange, oob } = newModule();
  const main = new FunctionBuilder("main", [I32], []);
  main.i32Const(0).localGet(0).f64Const(0);
  i32At(main, 0, 12);
  main.op(F64_FROM_I32).f64Const(1).call(prange);
  const loop = new FunctionBuilder("loop_0", [I32, I32, I32, I32], []);
  const i = loop.local(I32);
  chunkLoop(loop, 16, 20, i, () => {
    boundsCheck(loop, oob, 0, i, 12, 1);
    boundsCheck(loop, oob, 0, i, 4, 0);
    i32At(loop, 0, 8);
    loop.localGet(i).i32Const(3).op(I32_SHL, I32_ADD);
    i32At(loop, 0, 0);
    loop.localGet(i).i32Const(3).op(I32_SHL, I32_ADD).mem(F64_LOAD, { align: 3, offset: 0 });
    loop.f64Const(1).op(F64_ADD).mem(F64_STORE, { align: 3, offset: 0 });
  });
  mb.exportFunc("main", mb.addFunction(main));
  mb.exportFunc("loop_0", mb.addFunction(loop));
  return {
    wasm: mb.encode(),
    frameSize: 24,
    params: [
      { name: "src", kind: "array", array: "Float64Array", offset: 0, lengthOffset: 4, read: flags.srcRead ?? true, written: false },
      { name: "dst", kind: "array", array: "Float64Array", offset: 8, lengthOffset: 12, read: flags.dstRead ?? false, written: true },
    ],
    loops: [{ id: 0, startOffset: 16, stepOffset: 20, wideIndex: false, reductions: 0, line: 2, column: 3 }],
    returns: "void",
    sites: [
      { array: "src", line: 2, column: 40 },
      { array: "dst", line: 2, column: 30 },
    ],
    mathImports: [],
  };
}

/**
 * `scalar` (no loops): params x: f, k: i, flag: b. Returns, by `ret`:
 * f64 `x * 2 + k`, i32 `100 / k` (traps for k = 0), bool `!flag`, void.
 */
export function scalarKernel(ret: "f64" | "i32" | "bool" | "void"): CompiledKernel {
  const { mb } = newModule();
  const results = ret === "f64" ? [F64] : ret === "void" ? [] : [I32];
  const main = new FunctionBuilder("main", [I32], results);
  if (ret === "f64") {
    f64At(main, 0, 0).f64Const(2).op(F64_MUL);
    i32At(main, 0, 8).op(F64_FROM_I32, F64_ADD);
  } else if (ret === "i32") {
    main.i32Const(100);
    i32At(main, 0, 8).op(I32_DIV_S);
  } else if (ret === "bool") {
    i32At(main, 0, 12).op(I32_EQZ);
  }
  mb.exportFunc("main", mb.addFunction(main));
  return {
    wasm: mb.encode(),
    frameSize: 16,
    params: [
      { name: "x", kind: "f", offset: 0 },
      { name: "k", kind: "i", offset: 8 },
      { name: "flag", kind: "b", offset: 12 },
    ],
    loops: [],
    returns: ret,
    sites: [],
    mathImports: [],
  };
}

/**
 * `wide` (a wideIndex loop): params out: Float64Array (written), start, stop, step: f;
 * `for (const i of prange(start, stop, step)) out[it] = i` where `it` is the iteration number.
 * Frame: out 0/4, start 8, stop 16, step 24, loop start/step (f64) 32/40.
 */
export function wideKernel(): CompiledKernel {
  const { mb, prange, oob } = newModule();
  const main = new FunctionBuilder("main", [I32], []);
  main.i32Const(0).localGet(0);
  f64At(main, 0, 8);
  f64At(main, 0, 16);
  f64At(main, 0, 24);
  main.call(prange);
  const loop = new FunctionBuilder("loop_0", [I32, I32, I32, I32], []);
  const it = loop.local(I32);
  loop.localGet(1).localSet(it);
  loop.block("void").loop("void");
  loop.localGet(it).localGet(2).op(I32_GE_S).brIf(1);
  boundsCheck(loop, oob, 0, it, 4, 0);
  i32At(loop, 0, 0);
  loop.localGet(it).i32Const(3).op(I32_SHL, I32_ADD);
  f64At(loop, 0, 32);
  loop.localGet(it).op(F64_FROM_I32);
  f64At(loop, 0, 40);
  loop.op(F64_MUL, F64_ADD).mem(F64_STORE, { align: 3, offset: 0 });
  loop.localGet(it).i32Const(1).op(I32_ADD).localSet(it).br(0);
  loop.end().end();
  mb.exportFunc("main", mb.addFunction(main));
  mb.exportFunc("loop_0", mb.addFunction(loop));
  return {
    wasm: mb.encode(),
    frameSize: 48,
    params: [
      { name: "out", kind: "array", array: "Float64Array", offset: 0, lengthOffset: 4, read: false, written: true },
      { name: "start", kind: "f", offset: 8 },
      { name: "stop", kind: "f", offset: 16 },
      { name: "step", kind: "f", offset: 24 },
    ],
    loops: [{ id: 0, startOffset: 32, stepOffset: 40, wideIndex: true, reductions: 0, line: 1, column: 40 }],
    returns: "void",
    sites: [{ array: "out", line: 1, column: 60 }],
    mathImports: [],
  };
}

/** `count`: params start, stop, step: f, wide: b; returns env.count(start, stop, step, wide) (i32). */
export function countKernel(): CompiledKernel {
  const mb = new ModuleBuilder({ module: "env", field: "memory", minPages: 1, maxPages: 65536, shared: true });
  const count = mb.importFunc("env", "count", [F64, F64, F64, I32], [I32]);
  const main = new FunctionBuilder("main", [I32], [I32]);
  f64At(main, 0, 0);
  f64At(main, 0, 8);
  f64At(main, 0, 16);
  i32At(main, 0, 24).call(count);
  mb.exportFunc("main", mb.addFunction(main));
  return {
    wasm: mb.encode(),
    frameSize: 32,
    params: [
      { name: "start", kind: "f", offset: 0 },
      { name: "stop", kind: "f", offset: 8 },
      { name: "step", kind: "f", offset: 16 },
      { name: "wide", kind: "b", offset: 24 },
    ],
    loops: [],
    returns: "i32",
    sites: [],
    mathImports: [],
  };
}

/** Loads a test kernel with origin `test.ts:10:1`. */
export function loadTest(k: CompiledKernel, name = "k"): LoadedKernel {
  return load(k, { name, origin: { file: "test.ts", line: 10, column: 1 } });
}

/** RunSettings with defaults (static schedule, chunk size 1). */
export function settings(threads: number, schedule: RunSettings["schedule"] = "static", chunkSize = 1): RunSettings {
  return { threads, schedule, chunkSize };
}
