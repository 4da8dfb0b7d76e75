/**
 * The checked-once chunk path (compiler/lower/hoist.ts) on bodies with inner loops: accesses
 * indexed by sums of products of the prange index, inner counters, sizes and locals are checked
 * once per chunk, and that index arithmetic runs in i32 when the chunk's extents fit. Each kernel is
 * compared with the plain function, including at the edges where the fast path must step aside:
 * extents beyond int32 (wrapping would land in bounds), products that may be -0, accesses that
 * would be out of bounds only in code that does not run, and real out-of-bounds accesses.
 */
import { describe, expect, it } from "vitest";
import { compile, type ParamType } from "../../compiler/index.js";
import { prange } from "../../index.js";
import { checkThrowsRange, diff, type Kernel, type MakeInputs, type Rng } from "./harness.js";
import { kmeans, matvec, stencil } from "./shared-kernels.js";

const F = "Float64Array" as const;
const I = "Int32Array" as const;

/** How many access sites of the (single) prange the compiled kernel checks once per chunk. */
function hoisted(fn: Kernel, params: readonly ParamType[]): number {
  const r = compile(fn.toString(), params);
  expect(r.compiled, r.diagnostics.map((d) => d.message).join("\n")).not.toBeNull();
  return r.compiled!.loops[0]!.hoistedChecks;
}


const mv: MakeInputs = (rng: Rng) => {
  const n = rng.int(0, 40);
  return [rng.f64(n * n), rng.f64(n), new Float64Array(n), n];
};
const cube: MakeInputs = (rng: Rng) => {
  const n = rng.int(0, 14);
  return [rng.f64(n * n * n), new Float64Array(n * n * n), n];
};
const km: MakeInputs = (rng: Rng) => {
  const n = rng.int(0, 300);
  const d = rng.int(1, 5);
  const k = rng.int(1, 7);
  return [rng.f64(n * d), rng.f64(k * d), new Int32Array(n), n, d, k];
};

describe("inner loops take the checked-once path", () => {
  it("matvec, the 3-D stencil and k-means have every access checked once per chunk", () => {
    expect(hoisted(matvec, [F, F, F, "s"])).toBe(3);
    expect(hoisted(stencil, [F, F, "s"])).toBe(9);
    expect(hoisted(kmeans, [F, F, I, "s", "s", "s"])).toBe(3);
  });
  diff("matvec, A[i*n + j]", matvec, mv, { cases: 6 });
  diff("3-D stencil, const m = n*n; B[i*m + j*n + k]", stencil, cube, { cases: 6 });
  diff("k-means assignment, p[i*d + j] and cs[c*d + j]", kmeans, km, { cases: 6, floatReduction: true });
  diff("matvec with dynamic chunks of 3", matvec, mv, { cases: 4, parallelOptions: { schedule: "dynamic", chunkSize: 3 } });
  diff("3-D stencil with dynamic chunks of 1", stencil, cube, { cases: 3, parallelOptions: { schedule: "dynamic", chunkSize: 1 } });
});

describe("counters, steps and shapes", () => {
  diff(
    "triangular j < i, descending j >= 0, j <= k",
    (A: Float64Array, o: Float64Array, n: number, k: number) => {
      for (const i of prange(n)) {
        let s = 0;
        for (let j = 0; j < i; j++) s += A[i * n + j];
        for (let j = n - 1; j >= 0; j -= 2) s -= A[j * n + i] * 0.5;
        for (let j = 0; j <= k; j++) s += A[i + j];
        o[i] = s;
      }
    },
    (rng) => {
      const n = rng.int(0, 30);
      return [rng.f64(n * n + 8), new Float64Array(n), n, rng.int(0, 8)];
    },
    { cases: 6 },
  );
  diff(
    "prange with a step of 3 and a negative step, counters starting at the index",
    (A: Float64Array, o: Float64Array, n: number) => {
      for (const i of prange(n - 1, -1, -1)) {
        let s = 0;
        for (let j = i; j < n; j += 3) s += A[i * n + j];
        o[i] = s;
      }
      for (const i of prange(0, n, 3)) {
        for (let j = 0; j < n; j++) o[i] += A[j * n + i] * 2;
      }
    },
    (rng) => {
      const n = rng.int(0, 30);
      return [rng.f64(n * n), new Float64Array(n), n];
    },
    { cases: 6 },
  );
  diff(
    "a local index used as a number too: c * 0.5, c % 3, c compared, c stored, c in a comma",
    (A: Float64Array, o: Float64Array, w: Float64Array, n: number) => {
      const m = n * n;
      for (const i of prange(n)) {
        let s = 0;
        for (let j = 0; j < n; j++) {
          const c = i * m + j;
          const d = j * n + i;
          s += A[c] * (c * 0.5) + (c % 3 === 0 ? 1 : 0) + (c < m ? 2 : 3) + A[d] + m;
          w[d] = c;
          w[d] += (s, d);
        }
        o[i] = s;
      }
    },
    (rng) => {
      const n = rng.int(0, 12);
      return [rng.f64(n * n * n + n * n), new Float64Array(n), new Float64Array(n * n), n];
    },
    { cases: 6 },
  );
  diff(
    "a serial prange and an inner while loop inside, with affine accesses",
    (A: Float64Array, o: Float64Array, n: number) => {
      for (const i of prange(n)) {
        let s = 0;
        for (const j of prange(n)) s += A[i * n + j];
        let j = 0;
        while (j < n && A[i * n + j] < 0.5) j++;
        o[i] = s + j + A[i * n];
      }
    },
    (rng) => {
      const n = rng.int(1, 25);
      return [rng.f64(n * n, 0, 1), new Float64Array(n), n];
    },
    { cases: 6 },
  );
  diff(
    "Int32Array and Uint8Array elements at inner indices",
    (a: Int32Array, b: Uint8Array, o: Int32Array, n: number) => {
      for (const i of prange(n)) {
        let s = 0;
        for (let j = 0; j < n; j++) s = (s + a[i * n + j] * b[j * n + i]) | 0;
        o[i] = s;
      }
    },
    (rng) => {
      const n = rng.int(0, 30);
      const b = new Uint8Array(n * n);
      for (let i = 0; i < b.length; i++) b[i] = rng.int(0, 255);
      return [rng.i32(n * n, -(2 ** 31), 2 ** 31 - 1), b, new Int32Array(n), n];
    },
    { cases: 6 },
  );
});

describe("nested pranges (run serially inside the parallel one)", () => {
  const matmul = (A: Float64Array, B: Float64Array, C: Float64Array, n: number) => {
    for (const i of prange(n)) {
      for (const j of prange(n)) {
        let s = 0;
        for (let k = 0; k < n; k++) s += A[i * n + k] * B[k * n + j];
        C[i * n + j] = s;
      }
      for (const j of prange(n - 1, -1, -1)) C[i * n + j] += A[j * n + i] * 0.5;
    }
  };
  it("their indices bound the accesses of their bodies", () => {
    expect(hoisted(matmul, [F, F, F, "s"])).toBe(5);
  });
  diff("matmul with a nested prange, and a descending one", matmul, (rng) => {
    const n = rng.int(0, 16);
    return [rng.f64(n * n), rng.f64(n * n), new Float64Array(n * n), n];
  }, { cases: 6 });
  it("a nested prange past the end throws", () => {
    checkThrowsRange(
      (A: Float64Array, o: Float64Array, n: number) => {
        for (const i of prange(n)) for (const j of prange(n + 1)) o[i] += A[i * n + j];
      },
      () => [new Float64Array(36), new Float64Array(6), 6],
      { array: "A", index: 36 },
    );
  });
});

describe("counters whose general type is i64 (j < m for m = n*n)", () => {
  const flat = (A: Float64Array, o: Float64Array, n: number) => {
    const m = n * n;
    for (const i of prange(n)) {
      let s = 0;
      for (let j = 0; j < m; j++) s += A[i * m + j] * (j % 3);
      for (let j = m - 1; j >= 0; j -= 2) s -= A[j] * 0.5 + j;
      o[i] = s;
    }
  };
  it("is narrowed on the fast path: both loops' accesses are checked once", () => {
    expect(hoisted(flat, [F, F, "s"])).toBe(3);
  });
  diff("flat inner loops over n*n elements, up and down", flat, (rng) => {
    const n = rng.int(0, 9);
    return [rng.f64(n * n * n), new Float64Array(n), n];
  }, { cases: 6 });
  diff(
    "a counter whose last value fits int32 but whose exit value (j += 3 past m = 2^31 - 1) does not",
    (A: Float64Array, o: Float64Array, n: number, k: number) => {
      const m = n * n + k;
      for (const i of prange(o.length)) {
        let s = 0;
        for (let j = m - 2; j < m; j += 3) s += A[j - m + 2 + i];
        o[i] = s;
      }
    },
    (rng) => [rng.f64(8), new Float64Array(rng.int(1, 6)), 46340, rng.pick([88047, 88046, 5])],
    { cases: 4 },
  );
  it("a counter whose exit value would pass 2^31 - 1 keeps its checks: A[j] beyond the end throws", () => {
    checkThrowsRange(
      (A: Float64Array, o: Float64Array, n: number) => {
        const m = n * n;
        for (const i of prange(1)) for (let j = m - 3; j < m; j++) o[i] += A[j - m + 3] + A[j];
      },
      () => [new Float64Array(4), new Float64Array(1), 46341],
      { array: "A", index: 46341 * 46341 - 3 },
    );
  });
});

describe("conditions that bound an index (if (j > 0) ... A[i*n + j - 1])", () => {
  const guarded = (A: Float64Array, o: Float64Array, n: number) => {
    for (const i of prange(n)) {
      let s = 0;
      for (let j = 0; j < n; j++) {
        if (j > 0 && i < n - 1) s += A[i * n + j - 1] + A[(i + 1) * n + j];
        if (j >= n - 1) s += A[j + 1 - n + i * n];
        else s -= A[i * n + j + 1] * 0.5;
        if (1 <= i) s += A[(i - 1) * n + j];
        if (i === 0) s += A[j - i];
      }
      o[i] = s;
    }
  };
  it("every access of the guarded stencil is checked once per chunk", () => {
    expect(hoisted(guarded, [F, F, "s"])).toBe(7);
  });
  diff("guarded neighbours: &&, else of >=, a constant on the left, ===", guarded, (rng) => {
    const n = rng.int(0, 30);
    return [rng.f64(n * n), new Float64Array(n), n];
  }, { cases: 6 });
  diff("guarded neighbours with dynamic chunks of 2", guarded, (rng) => {
    const n = rng.int(0, 30);
    return [rng.f64(n * n), new Float64Array(n), n];
  }, { cases: 3, parallelOptions: { schedule: "dynamic", chunkSize: 2 } });
  const ternary = (A: Float64Array, o: Float64Array, n: number) => {
    for (const i of prange(n)) {
      let s = 0;
      for (let j = 0; j < n; j++) {
        const c = i * n + j;
        s += (j > 0 ? A[c - 1] : 0) + (j < n - 1 && A[c + 1] > 0 ? A[c + 1] : -1) + (j < 1 || A[c - 1] > 0.5 ? 1 : 2);
      }
      o[i] = s;
    }
  };
  it("?:, && and || bound what runs under them", () => {
    expect(hoisted(ternary, [F, F, "s"])).toBe(5);
  });
  diff("guarded neighbours in ?:, && and ||", ternary, (rng) => {
    const n = rng.int(0, 30);
    return [rng.f64(n * n), new Float64Array(n), n];
  }, { cases: 6 });
  it("|| bounds its right side by the negation of its left: j > 0 || A[c - 1] reads A[-1]", () => {
    checkThrowsRange(
      (A: Float64Array, o: Float64Array, n: number) => {
        for (const i of prange(n)) {
          let s = 0;
          for (let j = 0; j < n; j++) s += j > 0 || A[i * n + j - 1] > 0 ? 1 : 0;
          o[i] = s;
        }
      },
      () => [new Float64Array(49), new Float64Array(7), 7],
      { array: "A", index: -1 },
    );
  });
  it("a condition that does not keep the access in bounds: A[i*n + j + 1] under j >= 0 throws", () => {
    checkThrowsRange(
      (A: Float64Array, o: Float64Array, n: number) => {
        for (const i of prange(n)) {
          let s = 0;
          for (let j = 0; j < n; j++) if (j >= 0) s += A[i * n + j + 1];
          o[i] = s;
        }
      },
      () => [new Float64Array(49), new Float64Array(7), 7],
      { array: "A", index: 49 },
    );
  });
  it("an off-by-one guard (j > 1 would be needed for j - 2) throws at -1", () => {
    checkThrowsRange(
      (A: Float64Array, o: Float64Array, n: number) => {
        for (const i of prange(n)) {
          let s = 0;
          for (let j = 0; j < n; j++) if (j > 0) s += A[i * n + j - 2];
          o[i] = s;
        }
      },
      () => [new Float64Array(49), new Float64Array(7), 7],
      { array: "A", index: -1 },
    );
  });
});

describe("where the fast path must step aside", () => {
  diff(
    "a product that is -0 (i * k with k < 0 at i = 0) reaches 1 / c",
    (a: Float64Array, o: Float64Array, k: number) => {
      for (const i of prange(o.length)) {
        const c = i * k;
        let s = 0;
        for (let j = 0; j < 2; j++) s += a[c * c + j];
        o[i] = s + 1 / (c * 1);
      }
    },
    (rng, c) => {
      const n = rng.int(1, 20);
      const k = c % 2 === 0 ? -rng.int(1, 3) : rng.int(0, 3);
      return [rng.f64(n * n * 9 + 2), new Float64Array(n), k];
    },
    { cases: 6 },
  );
  diff(
    "products beyond int32 that cancel: i*m - i*m + j with m = 2^32",
    (a: Float64Array, o: Float64Array, n: number) => {
      const m = n * n;
      for (const i of prange(o.length)) {
        let s = 0;
        for (let j = 0; j < 3; j++) s += a[i * m - i * m + j];
        o[i] = s;
      }
    },
    (rng) => [rng.f64(3), new Float64Array(rng.int(1, 9)), rng.pick([65536, 65537, 3])],
    { cases: 4 },
  );
  diff(
    "a local beyond int32 (c = i * 2^32) used as a number while the access it indexes cancels it",
    (a: Float64Array, o: Float64Array, n: number) => {
      const m = n * n;
      for (const i of prange(o.length)) {
        const c = i * m;
        let s = 0;
        for (let j = 0; j < 2; j++) s += a[c - i * m + j];
        o[i] = s + c * 0.5 + (c > 5 ? 1 : 0);
      }
    },
    (rng) => [rng.f64(2), new Float64Array(rng.int(1, 9)), rng.pick([65536, 65537, 46341, 3])],
    { cases: 5, parallelOptions: { schedule: "dynamic", chunkSize: 1 } },
  );
  diff(
    "an access out of bounds only under a condition that never holds there",
    (A: Float64Array, o: Float64Array, n: number) => {
      for (const i of prange(n)) {
        let s = 0;
        for (let j = 0; j < n; j++) {
          s += A[i * n + j];
          if (j > 0) s -= A[i * n + j - 1] * 0.25;
          if (i + 1 < n) s += A[(i + 1) * n + j] * 0.5;
        }
        o[i] = s;
      }
    },
    (rng) => {
      const n = rng.int(0, 25);
      return [rng.f64(n * n), new Float64Array(n), n];
    },
    { cases: 6 },
  );
  it("an index 2^32 + j (m = n*n = 2^32; wrapping would land on a[j]) throws", () => {
    checkThrowsRange(
      (a: Float64Array, o: Float64Array, n: number) => {
        const m = n * n;
        for (const i of prange(1, 2)) {
          let s = 0;
          for (let j = 0; j < 3; j++) s += a[i * m + j];
          o[i] = s;
        }
      },
      () => [new Float64Array(8), new Float64Array(2), 65536],
      { array: "a", index: 2 ** 32 },
    );
  });
  it("a subtraction of a ranging counter (A[i - j]) reaches -1 and throws", () => {
    checkThrowsRange(
      (A: Float64Array, o: Float64Array, n: number) => {
        for (const i of prange(n)) {
          let s = 0;
          for (let j = 0; j < n; j++) s += A[i - j];
          o[i] = s;
        }
      },
      () => [new Float64Array(7), new Float64Array(7), 7],
      { array: "A", index: -1 },
    );
  });
  it("a product with a negative factor (A[n - 1 + (-1) * j * 2 + i * 0]) reaches -1 and throws", () => {
    checkThrowsRange(
      (A: Float64Array, o: Float64Array, n: number) => {
        for (const i of prange(n)) {
          let s = 0;
          for (let j = 0; j < n; j++) s += A[n - 1 + (-1) * j * 2 + i * 0];
          o[i] = s;
        }
      },
      () => [new Float64Array(8), new Float64Array(8), 8],
      { array: "A", index: -1 },
    );
  });
  it("a product whose extreme is a cross term ((j + 2) * (k - 5) + 12, min 3 * -5) reaches -3 and throws", () => {
    checkThrowsRange(
      (A: Float64Array, o: Float64Array, n: number) => {
        for (const i of prange(n)) {
          let s = 0;
          for (let j = 0; j < 2; j++) for (let k = 0; k < 10; k++) s += A[(j + 2) * (k - 5) + 12 + i * 0];
          o[i] = s;
        }
      },
      () => [new Float64Array(25), new Float64Array(5), 5],
      { array: "A", index: -3 },
    );
  });
  it("matvec with the matrix one element short throws at the last row's last element", () => {
    checkThrowsRange(matvec, () => {
      const n = 37;
      return [new Float64Array(n * n - 1), new Float64Array(n), new Float64Array(n), n];
    }, { array: "A", index: 37 * 37 - 1 });
  });
  it("the stencil with the last plane missing throws at A[c + m] of the last i", () => {
    const n = 9;
    checkThrowsRange(stencil, () => [new Float64Array(n * n * (n - 1)), new Float64Array(n * n * n), n], { array: "A", index: (n - 1) * n * n + n + 1 });
  });
  it("a write past the end from an inner loop throws", () => {
    checkThrowsRange(
      (o: Float64Array, n: number) => {
        for (const i of prange(n)) for (let j = 0; j <= n; j++) o[i * n + j] = j;
      },
      () => [new Float64Array(5 * 5), 5],
      { array: "o", index: 25 },
    );
  });
});
