/**
 * Base pointers of a const index (compiler/lower/pointers.ts): after `const c = ...`, arrays read
 * or written at least twice at c, c + d or c - d take base + (c << shift) once, and each access adds
 * only d's bytes. The addresses are the same, so results stay the plain function's, whatever the
 * element size, the sign of d or where c is declared; lane 1's code never reads lane 0's pointer.
 */
import { describe, expect, test } from "vitest";
import { parallel, prange } from "../../index.js";
import { compile } from "../../compiler/index.js";
import { decodeModule, opcodesPerLoop } from "../../compiler/lower/wasm/decoder.js";
import { stencil } from "../differential/shared-kernels.js";
import { samePlain, seq } from "./same-plain.js";

const I32_SHL = 0x74;

describe("what runs per trip", () => {
  test("the 3-D stencil's inner loop adds each neighbour's offset to one pointer per array", () => {
    const r = compile(stencil.toString(), ["Float64Array", "Float64Array", "i"]);
    expect(r.compiled, JSON.stringify(r.diagnostics)).not.toBeNull();
    const m = decodeModule(r.compiled!.wasm);
    const e = m.exports.get("loop_0")!;
    const inner = opcodesPerLoop(m.bodies[e.index - m.importedFunctions]!).filter((l) => l.depth === 3);
    // i32.shl in the inner loop's four copies (two pairs a turn, one pair, fast scalar, checked):
    // 41 with c ± d formed and shifted per access, 33 with pointers (the constant offsets' bytes
    // are constants; ±n and ±m are shifted)
    const shl = inner.reduce((n, l) => n + l.ops.filter((o) => o === I32_SHL).length, 0);
    expect(shl).toBeLessThanOrEqual(33);
  });
});

const rows = (A: Float64Array, B: Float64Array, n: number, w: number) => {
  for (const i of prange(1, n - 1)) {
    for (let k = 1; k < w - 1; k++) {
      const c = i * w + k;
      B[c] = A[c - 1] + A[c + 1] - 2 * A[c] + 0.5 * (A[c - w] + A[c + w]);
    }
  }
};
const ints = (A: Int32Array, B: Int32Array, w: number) => {
  for (const i of prange(1, (A.length / w) - 1)) {
    const c = i * w;
    for (let k = 0; k < w; k++) B[c + k] = A[c + k - w] + A[k + c] * 3 - A[c + k + w];
  }
};
const bytes = (A: Uint8Array, B: Float64Array) => {
  for (const i of prange(2, A.length - 2)) {
    const c = i;
    B[c] = A[c - 2] + A[c + 2] + A[c] * 2;
  }
};
const branchy = (A: Float64Array, B: Float64Array, w: number) => {
  for (const i of prange(A.length / w)) {
    const c = i * w;
    if (i % 2 === 0) {
      const d = c + 1;
      B[d] = A[d] + A[d - 1];
    } else B[c] = A[c] + A[c + w - 1];
  }
};
const pointerAcrossLoop = (A: Float64Array, B: Float64Array, w: number) => {
  for (const i of prange(A.length / w)) {
    const c = i * w;
    let s = 0;
    for (let k = 0; k < w; k++) s += A[c + k];
    B[c] = s + A[c];
  }
};

describe("results stay the plain function's", () => {
  for (const [n, w] of [[3, 3], [34, 5], [40, 17], [50, 40]] as const) {
    test(`a 2-D row stencil over c ± 1 and c ± w, ${n} × ${w}`, () => {
      samePlain(rows, () => [seq(n * w, (i) => Math.sin(i)), seq(n * w, () => -1), n, w]);
    });
  }
  for (const w of [1, 4, 9]) {
    test(`Int32Array rows at c + k - w and k + c, width ${w}`, () => {
      samePlain(ints, () => [Int32Array.from({ length: 40 * w }, (_, i) => (i * 7919) % 1000 - 500), new Int32Array(40 * w), w]);
    });
  }
  test("bytes at c ± 2 (shift 0)", () => {
    samePlain(bytes, () => [Uint8Array.from({ length: 90 }, (_, i) => (i * 37) % 256), seq(90, () => 0)]);
  });
  test("a const declared in one branch, the index in the other", () => {
    samePlain(branchy, () => [seq(64 * 6, (i) => Math.cos(i)), seq(64 * 6, () => 0), 6]);
  });
  test("a pointer read after an inner loop", () => {
    samePlain(pointerAcrossLoop, () => [seq(40 * 7, (i) => Math.sin(i * 0.1)), seq(40 * 7, () => 0), 7]);
  });
  test("an index out of bounds is still the RangeError naming array and index", () => {
    const bad = (A: Float64Array, B: Float64Array) => {
      for (const i of prange(A.length)) {
        const c = i;
        B[c] = A[c - 1] + A[c];
      }
    };
    for (const threads of [1, 2]) {
      expect(() => parallel(bad, { threads, warnings: false })(seq(40, (i) => i), seq(40, () => 0))).toThrow(/index -1 is out of bounds for array 'A'/);
    }
  });
});

describe("what pointers leave alone", () => {
  test("an index the inner loop does not change stays one local moved out of it (no multiplication per trip)", () => {
    const k = (A: Float64Array, B: Float64Array, n: number, w: number, m: number) => {
      for (const i of prange(n)) {
        const c = i * w + 2 * m * w;
        let s = 0;
        for (let k = 0; k < w; k++) s += (A[c + m * w] - A[c - m * w]) * B[k];
        B[i] = s;
      }
    };
    const r = compile(k.toString(), ["Float64Array", "Float64Array", "i", "i", "i"]);
    const mod = decodeModule(r.compiled!.wasm);
    const e = mod.exports.get("loop_0")!;
    const inner = opcodesPerLoop(mod.bodies[e.index - mod.importedFunctions]!).filter((l) => l.depth >= 2);
    // i32.mul
    expect(inner.some((l) => l.ops.includes(0x6c))).toBe(false);
  });
});
