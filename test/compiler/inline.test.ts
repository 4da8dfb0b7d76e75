/**
 * The wasm inliner (compiler/lower/wasm/decoder.ts): which library bodies it accepts, and that
 * an inlined body computes what a call computes: returns from nested blocks, locals reset on
 * every use, constants taken from the caller's locals.
 */
import { describe, expect, it } from "vitest";
import { decodeModule, emitInlined, inlinable } from "../../compiler/lower/wasm/decoder.js";
import { FunctionBuilder, ModuleBuilder, ValType } from "../../compiler/lower/wasm/encoder.js";
import { Op } from "../../compiler/lower/wasm/opcodes.js";

const { f64, v128 } = { f64: ValType.f64, v128: ValType.v128 };

const memory = { module: "env", field: "memory", minPages: 1, maxPages: 1, shared: false } as const;

/** A module exporting `f`, as the library would, decoded back. */
function library(build: (fb: FunctionBuilder) => void, params = [f64], results = [f64]) {
  const m = new ModuleBuilder(memory);
  const fb = new FunctionBuilder("f", params, results);
  build(fb);
  m.exportFunc("f", m.addFunction(fb));
  const mod = decodeModule(m.encode());
  return { mod, body: mod.bodies[0]!, type: mod.types[mod.functionTypes[0]!]! };
}

describe("inlinable", () => {
  it("accepts a leaf with locals, blocks and SIMD constants", () => {
    const { body, type } = library((fb) => {
      const t = fb.local(v128);
      fb.localGet(0).opFD(0x14).localSet(t);
      fb.localGet(t).opFD(0x0c);
      fb.code.bytes(new Uint8Array(16).fill(1));
      fb.opFD(0xf0).opFD(0x21);
      fb.code.byte(0);
    });
    const f = inlinable(body, type)!;
    expect(f).not.toBeNull();
    expect(f.locals).toEqual([v128]);
    expect(f.constants.map((c) => [...c])).toEqual([new Array(16).fill(1)]);
  });

  it("refuses calls, globals and memory", () => {
    const call = library((fb) => void fb.localGet(0).call(0));
    expect(inlinable(call.body, call.type)).toBeNull();
    const load = library((fb) => void fb.i32Const(0).mem(Op.f64_load, { align: 3, offset: 0 }));
    expect(inlinable(load.body, load.type)).toBeNull();
    const glob = new ModuleBuilder(memory);
    const g = glob.importGlobal("env", "g", f64);
    const fb = new FunctionBuilder("f", [f64], [f64]);
    fb.globalGet(g);
    glob.exportFunc("f", glob.addFunction(fb));
    const mod = decodeModule(glob.encode());
    expect(inlinable(mod.bodies[0]!, mod.types[mod.functionTypes[0]!]!)).toBeNull();
    // with links (the caller maps function and global indices), all three are accepted
    expect(inlinable(call.body, call.type, true)).not.toBeNull();
    expect(inlinable(load.body, load.type, true)).not.toBeNull();
    const linked = inlinable(mod.bodies[0]!, mod.types[mod.functionTypes[0]!]!, true)!;
    expect(linked).not.toBeNull();
    const out = { byte: () => undefined, u32: () => undefined, bytes: () => undefined };
    expect(() => emitInlined(out, linked, (i) => i, (k) => k)).toThrow(/needs their mapping/);
  });
});

describe("emitInlined", () => {
  it("an inlined body returns what the call returns, from nested blocks, with fresh locals each time", () => {
    // f(x) = { let acc = 0 (fresh each call); if (x > 0) { if (x > 10) return 100; acc = x * 2 } else acc = acc - x; return acc + 1 }
    const lib = library((fb) => {
      const acc = fb.local(f64);
      fb.localGet(0).f64Const(0).op(Op.f64_gt).if_("void");
      fb.localGet(0).f64Const(10).op(Op.f64_gt).if_("void").f64Const(100).return_().end();
      fb.localGet(0).f64Const(2).op(Op.f64_mul).localSet(acc);
      fb.else_();
      fb.localGet(acc).localGet(0).op(Op.f64_sub).localSet(acc);
      fb.end();
      fb.localGet(acc).f64Const(1).op(Op.f64_add);
    });
    const f = inlinable(lib.body, lib.type)!;
    // caller: sum over x in xs of f(x), inlined in a loop (locals must be reset every iteration)
    const m = new ModuleBuilder(memory);
    const main = new FunctionBuilder("main", [f64, f64, f64], [f64]);
    const s = main.local(f64);
    const locals = [...f.params, ...f.locals].map((t) => main.local(t));
    for (const p of [0, 1, 2]) {
      main.localGet(s).localGet(p);
      emitInlined(main.code, f, (k) => locals[k]!, () => {
        throw new Error("no constants");
      });
      main.op(Op.f64_add).localSet(s);
    }
    main.localGet(s);
    m.exportFunc("main", m.addFunction(main));
    const mem = new WebAssembly.Memory({ initial: 1, maximum: 1 });
    const inst = new WebAssembly.Instance(new WebAssembly.Module(m.encode()), { env: { memory: mem } });
    const run = inst.exports.main as (a: number, b: number, c: number) => number;
    const plain = (x: number): number => (x > 0 ? (x > 10 ? 100 : x * 2 + 1) : 0 - x + 1);
    for (const [a, b, c] of [[3, -2, 50], [-1, -1, -1], [0.5, 11, 10], [NaN, 2, -0]]) {
      expect(run(a!, b!, c!)).toBe(plain(a!) + plain(b!) + plain(c!));
    }
  });

  it("v128 constants come from the caller's locals", () => {
    const c = new Uint8Array(new Float64Array([3, 4]).buffer);
    const lib = library(
      (fb) => {
        fb.localGet(0).opFD(0x0c);
        fb.code.bytes(c);
        fb.opFD(0xf2); // f64x2.mul
      },
      [v128],
      [v128],
    );
    const f = inlinable(lib.body, lib.type)!;
    expect(f.constants.length).toBe(1);
    const m = new ModuleBuilder(memory);
    const main = new FunctionBuilder("main", [f64], [f64]);
    const k = main.local(v128);
    // the "constant" local holds (5, 6) instead: the result shows which one was used
    main.opFD(0x0c);
    main.code.bytes(new Uint8Array(new Float64Array([5, 6]).buffer));
    main.localSet(k);
    const locals = [...f.params, ...f.locals].map((t) => main.local(t));
    main.localGet(0).opFD(0x14);
    emitInlined(main.code, f, (j) => locals[j]!, () => k);
    main.opFD(0x21);
    main.code.byte(1);
    m.exportFunc("main", m.addFunction(main));
    const mem = new WebAssembly.Memory({ initial: 1, maximum: 1 });
    const inst = new WebAssembly.Instance(new WebAssembly.Module(m.encode()), { env: { memory: mem } });
    expect((inst.exports.main as (x: number) => number)(2)).toBe(12);
  });
});
