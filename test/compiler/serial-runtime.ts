/**
 * A one-thread stand-in for the runtime, used to test the compiler on its own: it runs every
 * chunk of a prange on the calling thread (with a configurable number of chunks), so compiled
 * code can be compared with the plain function without workers.
 */
import { type CompiledKernel, PRANGE_IN_ORDER } from "../../compiler/artifact.js";

/** `loops`, when given, receives the loop number of every env.prange call as the kernel passed it (PRANGE_IN_ORDER included). */
export function runSerial(k: CompiledKernel, args: unknown[], chunks = 3, loops?: number[]): unknown {
  const memory = new WebAssembly.Memory({ initial: 64, maximum: 65536, shared: true });
  let heap = 4096;
  const alloc = (n: number): number => {
    const p = heap;
    heap += (n + 15) & ~15;
    while (heap > memory.buffer.byteLength) memory.grow(16);
    return p;
  };
  const frame = alloc(k.frameSize);
  const dv = () => new DataView(memory.buffer);
  const copies: { view: ArrayBufferView & { length: number }; ptr: number }[] = [];
  k.params.forEach((p, i) => {
    const a = args[i];
    if (p.kind === "array") {
      const view = a as Float64Array;
      const ptr = alloc(view.byteLength);
      new Uint8Array(memory.buffer, ptr, view.byteLength).set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
      dv().setInt32(p.offset, ptr, true);
      dv().setInt32(p.lengthOffset, view.length, true);
      copies.push({ view, ptr });
    } else if (p.kind === "f") dv().setFloat64(frame + p.offset, a as number, true);
    else dv().setInt32(frame + p.offset, p.kind === "b" ? (a ? 1 : 0) : (a as number), true);
  });
  // array slots are relative to the frame too
  for (const p of k.params) {
    if (p.kind !== "array") continue;
    const ptr = dv().getInt32(p.offset, true);
    const len = dv().getInt32(p.lengthOffset, true);
    dv().setInt32(frame + p.offset, ptr, true);
    dv().setInt32(frame + p.lengthOffset, len, true);
  }
  const validate = (start: number, stop: number, step: number): number => {
    for (const [n, v] of [["start", start], ["stop", stop], ["step", step]] as const) {
      if (!Number.isInteger(v)) throw new TypeError(`prange: ${n} must be a safe integer, got ${v}`);
    }
    if (step === 0) throw new RangeError("prange: step must not be zero");
    const span = step > 0 ? stop - start : start - stop;
    return span <= 0 ? 0 : Math.ceil(span / Math.abs(step));
  };
  let inst: WebAssembly.Instance;
  const imports = {
    env: {
      memory,
      prange(loopArg: number, fr: number, start: number, stop: number, step: number) {
        loops?.push(loopArg);
        const loop = loopArg & ~PRANGE_IN_ORDER;
        const info = k.loops[loop]!;
        const count = validate(start, stop, step);
        if (info.wideIndex) {
          dv().setFloat64(fr + info.startOffset, start, true);
          dv().setFloat64(fr + info.stepOffset, step, true);
        } else {
          dv().setInt32(fr + info.startOffset, start, true);
          dv().setInt32(fr + info.stepOffset, step, true);
        }
        if (count === 0) return;
        const n = Math.min(chunks, count);
        const base = alloc(n * info.reductions * 8 + 8);
        const ex = inst.exports as Record<string, (...a: number[]) => void>;
        for (let c = 0; c < n; c++) {
          const lo = Math.floor((c * count) / n);
          const hi = Math.floor(((c + 1) * count) / n);
          ex[`loop_${loop}`]!(fr, lo, hi, base + c * info.reductions * 8);
        }
        if (info.reductions) ex[`combine_${loop}`]!(fr, base, n);
      },
      oob(site: number, index: number) {
        const s = k.sites[site]!;
        throw new RangeError(`parfor: index ${index} is out of bounds for array '${s.array}' at line ${s.line}:${s.column}`);
      },
      fmod: (a: number, b: number) => a % b,
      count: validate,
      // the math library's scratch block (also where two-lane loops park their constants)
      mathScratch: new WebAssembly.Global({ value: "i32", mutable: false }, 1024),
    },
    math: Object.fromEntries(k.mathImports.map((n) => [n, (Math as unknown as Record<string, unknown>)[n]])),
  };
  inst = new WebAssembly.Instance(new WebAssembly.Module(k.wasm), imports as WebAssembly.Imports);
  const r = (inst.exports.main as (f: number) => number)(frame);
  for (const c of copies) {
    new Uint8Array(c.view.buffer, c.view.byteOffset, c.view.byteLength).set(new Uint8Array(memory.buffer, c.ptr, c.view.byteLength));
  }
  return k.returns === "bool" ? r !== 0 : k.returns === "void" ? undefined : r;
}
