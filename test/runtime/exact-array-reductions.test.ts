/**
 * Array reductions whose updates wrap exactly (LoopInfo.exactArrays: integer arrays, ++/--, +=,
 * -=, |=, &= of int32 values, no scalar reductions) give the same bits for any chunks, so the
 * runtime updates the arrays in place on one thread and takes one private copy per thread
 * otherwise. Everything else keeps its per-chunk copies. Results must equal the plain function's.
 */
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../../compiler/index.js";
import { array, free, parallel, prange, shutdown } from "../../index.js";

afterAll(() => shutdown());

const histogram = (keys: Int32Array, h: Int32Array) => {
  for (const i of prange(keys.length)) h[keys[i]]++;
};
const weighted = (keys: Int32Array, w: Int32Array, h: Uint8Array) => {
  for (const i of prange(keys.length)) {
    h[keys[i]] += w[i];
    h[(keys[i] + 1) % h.length] -= 3;
  }
};
const masks = (keys: Int32Array, h: Int16Array) => {
  for (const i of prange(keys.length)) h[keys[i] % h.length] |= 1 << (i % 15);
};

describe("exact array reductions", () => {
  const flag = (fn: (...a: never[]) => unknown, params: Parameters<typeof compile>[1]) => compile(fn.toString(), params).compiled!.loops[0]!.exactArrays;

  it("are recognised only when every update wraps exactly", () => {
    expect(flag(histogram, ["Int32Array", "Int32Array"])).toBe(true);
    expect(flag(weighted, ["Int32Array", "Int32Array", "Uint8Array"])).toBe(true);
    expect(flag(masks, ["Int32Array", "Int16Array"])).toBe(true);
    // doubles round: the grouping changes the bits
    expect(flag(histogram, ["Int32Array", "Float64Array"])).toBeUndefined();
    // a fraction is truncated at every store
    expect(flag((k: Int32Array, h: Int32Array) => {
      for (const i of prange(k.length)) h[k[i]] += 0.5;
    }, ["Int32Array", "Int32Array"])).toBeUndefined();
    // clamping does not wrap
    expect(flag(histogram, ["Int32Array", "Uint8ClampedArray"])).toBeUndefined();
    // a scalar reduction's bits depend on the chunks
    expect(flag((k: Int32Array, h: Int32Array, x: Float64Array) => {
      let s = 0;
      for (const i of prange(k.length)) {
        h[k[i]]++;
        s += x[i];
      }
      return s;
    }, ["Int32Array", "Int32Array", "Float64Array"])).toBeUndefined();
  });

  const keysOf = (n: number, m: number): Int32Array => {
    const k = new Int32Array(n);
    let x = 12345;
    for (let i = 0; i < n; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      k[i] = ((x >>> 8) % m + ((x >>> 20) % m)) >> 1;
    }
    return k;
  };

  for (const T of [1, 2, 3]) {
    for (const shared of [false, true]) {
      it(`give the plain results on ${T} thread(s), ${shared ? "parfor" : "ordinary"} arrays`, () => {
        const n = 50_000;
        const keys = keysOf(n, 700);
        const w = keysOf(n, 1 << 20);
        const mk = <A extends Int32Array | Uint8Array | Int16Array>(C: { new (n: number): A }, len: number): A =>
          shared ? (array(C as never, len) as unknown as A) : new C(len);
        const cases: [string, () => void][] = [];
        {
          const h = mk(Int32Array, 700);
          h.fill(7);
          const ref = new Int32Array(700).fill(7);
          histogram(keys, ref);
          parallel(histogram, { threads: T })(keys, h);
          expect(Array.from(h)).toEqual(Array.from(ref));
          cases.push(["h", () => shared && free(h as never)]);
        }
        {
          const h = mk(Uint8Array, 700);
          const ref = new Uint8Array(700);
          weighted(keys, w, ref);
          parallel(weighted, { threads: T })(keys, w, h);
          expect(Array.from(h)).toEqual(Array.from(ref));
          cases.push(["w", () => shared && free(h as never)]);
        }
        {
          const h = mk(Int16Array, 333);
          const ref = new Int16Array(333);
          masks(keys, ref);
          parallel(masks, { threads: T })(keys, h);
          expect(Array.from(h)).toEqual(Array.from(ref));
          cases.push(["m", () => shared && free(h as never)]);
        }
        for (const [, release] of cases) release();
      });
    }
  }
});
