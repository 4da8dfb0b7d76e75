/**
 * An element kept in a local across an innermost loop (compiler/lower/promote.ts): the results,
 * the stored bits and the errors stay exactly the plain function's, including where the element's
 * array shares memory with another argument, where a store's value is used, where the loop
 * breaks or runs no trip, and where the kernel fails part way; and `explain` says which loops do it.
 */
import { describe, expect, test } from "vitest";
import { array, free, parallel, prange } from "../../index.js";
import { samePlain, seq } from "./same-plain.js";


const product = (c: Float64Array, a: Float64Array, b: Float64Array, n: number) => {
  for (const i of prange(n)) {
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < n; k++) c[i * n + j] += a[i * n + k] * b[k * n + j];
    }
  }
};

describe("results stay the plain function's", () => {
  for (const n of [1, 5, 24]) {
    test(`c[i * n + j] += a[i * n + k] * b[k * n + j], n = ${n}`, () => {
      samePlain(product, () => [seq(n * n, (i) => i % 7), seq(n * n, (i) => Math.sin(i)), seq(n * n, (i) => Math.cos(i) * 3), n]);
    });
  }
  test("the element's array is another argument too: the loop runs as written", () => {
    const n = 9;
    const make = (): [Float64Array, Float64Array, Float64Array, number] => {
      const c = seq(n * n, (i) => i / 4);
      return [c, c, seq(n * n, (i) => 1 + (i % 3)), n];
    };
    samePlain(product, make);
  });
  test("the element's array overlaps another view of the same memory", () => {
    const n = 6;
    const make = (): [Float64Array, Float64Array, Float64Array, number] => {
      const buf = seq(2 * n * n, (i) => (i % 5) - 2);
      return [buf.subarray(0, n * n), buf.subarray(n, n + n * n), seq(n * n, (i) => i * 0.25), n];
    };
    const plain = make();
    product(...plain);
    const got = make();
    parallel(product, { threads: 1, warnings: false })(...got);
    expect(Array.from(got[0])).toEqual(Array.from(plain[0]));
  });
  test("a store's value used by the loop, `=` and `*=` mixed with `+=`, and a break", () => {
    samePlain(
      (t: Float64Array, a: Float64Array, n: number, m: number) => {
        let s = 0;
        for (const i of prange(n)) {
          let u = 0;
          for (let k = 0; k < m; k++) {
            u += (t[i] += a[k] * i);
            if (k === 3) t[i] = t[i] * 0.5;
            t[i] *= 1.0625;
            if (t[i] > 1e6) break;
          }
          s += u;
        }
        return s;
      },
      () => [seq(40, (i) => i), seq(30, (i) => (i % 4) + 0.5), 40, 30],
    );
  });
  test("a loop of no trips leaves the element's bits as they were (a NaN with a payload)", () => {
    const k = (t: Float64Array, a: Float64Array, n: number, m: number) => {
      for (const i of prange(n)) {
        for (let k = 0; k < m; k++) t[i] += a[k];
      }
    };
    const t = array(Float64Array, 8);
    const bits = new DataView(t.buffer, t.byteOffset, t.byteLength);
    for (let i = 0; i < 8; i++) bits.setUint32(i * 8 + 4, 0x7ff80000 | (i + 1), true);
    const before = Array.from({ length: 8 }, (_, i) => bits.getUint32(i * 8 + 4, true));
    parallel(k, { threads: 2, warnings: false })(t, array(Float64Array, 4), 8, 0);
    expect(Array.from({ length: 8 }, (_, i) => bits.getUint32(i * 8 + 4, true))).toEqual(before);
    free(t);
  });
  test("another index of the same value, a Float32Array and an index that moves are left as written", () => {
    samePlain(
      (t: Float64Array, f: Float32Array, a: Float64Array, n: number, m: number) => {
        for (const i of prange(n)) {
          for (let k = 0; k < m; k++) {
            t[2 * i] += a[k];
            t[i + i] *= 0.75;
            f[i] += a[k];
          }
          for (let k = 0; k < m; k++) t[2 * i + 1] += t[2 * i] * k;
        }
      },
      () => [seq(24, (i) => i), Float32Array.from({ length: 12 }, (_, i) => i / 3), seq(7, (i) => 1 / (i + 1)), 12, 7],
    );
  });
  test("an out-of-bounds read part way through leaves the arrays as the plain loop would at that error", () => {
    const k = (t: Float64Array, a: Float64Array, n: number, m: number) => {
      for (const i of prange(n)) {
        for (let k = 0; k < m; k++) t[i] += a[i + k];
      }
    };
    // the plain loop, stopping where parfor raises (a plain read past the end gives undefined)
    const expected = new Float64Array(10);
    const a0 = seq(11, (i) => i + 1);
    try {
      for (let i = 0; i < 10; i++) {
        for (let j = 0; j < 3; j++) {
          if (i + j >= a0.length) throw new RangeError("past the end");
          expected[i] += a0[i + j];
        }
      }
    } catch {
      // as parfor
    }
    const t = array(Float64Array, 10);
    const a = array(Float64Array, 11);
    a.set(a0);
    expect(() => parallel(k, { threads: 1, warnings: false })(t, a, 10, 3)).toThrow(/index 11 is out of bounds for array 'a'/);
    expect(Array.from(t)).toEqual(Array.from(expected));
    free(t);
    free(a);
  });
});

describe("only where the plain loop accesses the element (review findings)", () => {
  test("an element under a condition that never holds is not touched: no trap, no write to a neighbouring array", () => {
    const guarded = (c: Float64Array, a: Float64Array, n: number, m: number, off: number) => {
      for (const i of prange(n)) {
        for (let k = 0; k < m; k++) {
          if (i >= off) c[i - off] += a[k];
        }
      }
    };
    samePlain(guarded, () => [seq(64, (i) => i), seq(8, (i) => i + 1), 64, 8, 2 ** 28]);
    samePlain(guarded, () => [seq(64, (i) => i), seq(8, (i) => i + 1), 64, 8, 1]);
    // c[i - off] for i < off is d's element when c follows d in memory
    const both = (d: Float64Array, c: Float64Array, a: Float64Array, n: number, m: number, off: number) => {
      for (const i of prange(n)) {
        for (let k = 0; k < m; k++) {
          d[i] += a[k];
          if (i >= off) c[i - off] += a[k];
        }
      }
    };
    for (const threads of [1, 2, 3]) {
      const d = array(Float64Array, 64);
      const c = array(Float64Array, 64);
      const a = array(Float64Array, 8);
      a.set(seq(8, (i) => i + 1));
      const off = (c.byteOffset - d.byteOffset) / 8;
      parallel(both, { threads, warnings: false })(d, c, a, 64, 8, off);
      expect(Array.from(d), `threads ${threads}`).toEqual(new Array(64).fill(36));
      for (const x of [d, c, a]) free(x);
    }
  });
  test("one iteration's conditional update of a shared element is not undone by the others' store back", () => {
    const one = (c: Float64Array, a: Float64Array, n: number, m: number, w: number) => {
      for (const i of prange(n)) {
        for (let k = 0; k < m; k++) if (i === w) c[0] += a[k];
      }
    };
    const a = new Float64Array(20000).fill(1);
    for (const threads of [2, 3]) {
      const k = parallel(one, { threads, warnings: false });
      for (let rep = 0; rep < 6; rep++) {
        const c = new Float64Array(4);
        k(c, a, 600, 20000, 400);
        expect(c[0], `threads ${threads}, run ${rep}`).toBe(20000);
      }
    }
  });
});

describe("on two lanes (x[i] kept in a v128 local)", () => {
  const gesummv = (A: Float64Array, B: Float64Array, x: Float64Array, y: Float64Array, n: number, alpha: number) => {
    for (const i of prange(n)) {
      let t = 0;
      y[i] = 0;
      for (let j = 0; j < n; j++) {
        t = A[i * n + j] * x[j] + t;
        y[i] = B[i * n + j] * x[j] + y[i];
      }
      y[i] = alpha * t + y[i];
    }
  };
  for (const n of [1, 2, 3, 17, 40]) {
    test(`gesummv's y[i] accumulation, n = ${n}`, () => {
      samePlain(gesummv, () => [seq(n * n, (i) => Math.sin(i)), seq(n * n, (i) => Math.cos(i)), seq(n, (i) => i - 3.5), new Float64Array(n), n, 1.5]);
    });
  }
  test("a store under a condition inside the loop, `*=`, and the same array stored elsewhere by the body", () => {
    samePlain(
      (A: Float64Array, x: Float64Array, y: Float64Array, z: Float64Array, n: number) => {
        for (const i of prange(n)) {
          for (let j = 0; j < n; j++) {
            const a = A[i * n + j] * x[j];
            if (a > 0) y[i] += a;
            else y[i] *= 0.5;
          }
          for (let j = 0; j < n; j++) z[i] += A[j * n + i];
          z[n + i] = z[i] * 2;
        }
      },
      () => [seq(48 * 48, (i) => (i % 11) - 5), seq(48, (i) => (i % 3) - 1), seq(48, (i) => i), new Float64Array(96), 48],
    );
  });
  test("y is also the matrix: the lanes' entry test fails and the loop runs as written", () => {
    // (at least 32 rows: chunks of two, so the lanes would run)
    const n = 36;
    samePlain(gesummv, () => {
      const A = seq(n * n, (i) => i % 4);
      return [A, A, seq(n, (i) => i + 1), A, n, 0.5];
    });
  });
});

describe("explain", () => {
  const keeps = (fn: (...a: never[]) => unknown, ...args: unknown[]): boolean => /keeps `[^`]+` in a local/.test(parallel(fn, { warnings: false }).explain(...(args as never[])).text);
  const m = (n: number) => new Float64Array(n);
  test("says so for the product's k loop", () => {
    expect(keeps(product as never, m(16), m(16), m(16), 4)).toBe(true);
  });
  test("not where the prange races (another iteration may touch the element)", () => {
    const racy = (a: Float64Array, b: Float64Array, c: Float64Array, n: number) => {
      for (const i of prange(n)) {
        // eslint-disable-next-line parfor/array-dependence -- the race under test
        for (let k = 0; k < n; k++) a[i + 1] += b[k];
        c[i] = a[i];
      }
    };
    expect(keeps(racy as never, m(5), m(4), m(4), 4)).toBe(false);
  });
  test("not for a loop that jumps out of an outer loop, nor for Float32Array elements", () => {
    const returns = (c: Float64Array, a: Float64Array, n: number) => {
      for (const i of prange(n)) {
        outer: for (let j = 0; j < 2; j++) {
          for (let k = 0; k < n; k++) {
            c[i] += a[k];
            if (c[i] > 10) break outer;
          }
        }
      }
    };
    const single = (c: Float32Array, a: Float64Array, n: number) => {
      for (const i of prange(n)) {
        for (let k = 0; k < n; k++) c[i] += a[k];
      }
    };
    expect(keeps(returns as never, m(4), m(4), 4)).toBe(false);
    expect(keeps(single as never, new Float32Array(4), m(4), 4)).toBe(false);
  });
});
