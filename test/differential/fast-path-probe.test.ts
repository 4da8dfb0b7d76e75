/**
 * Whether a prange's chunks take the checked-once fast path (compiler/lower/hoist.ts) at run time,
 * not only whether the compiler planned one: compiled with CompileOptions.probeFastPath, a chunk
 * whose entry test fails traps. The shapes here are those of published code whose chunks all
 * failed that test before: boundary cases tested with `!==` or in the else of `===` (the first and
 * last chunk), corner cases before edge cases (`if (r === 0 && c === 0) ... else if (r === 0)`),
 * inner loops that do not run at all in some chunks (`k < i` at i = 0), and running indices
 * (`u[++pos]`). Each kernel is also compared with the plain function, and the accesses these
 * rules must not excuse still throw.
 */
import { afterAll, describe, expect, it } from "vitest";
import { compile, type ParamType } from "../../compiler/index.js";
import { parallel, prange } from "../../index.js";
import { shutdown } from "../../runtime/api.js";
import { invoke, load } from "../../runtime/invoke.js";
import { checkThrowsRange, diff, type Arg, type Kernel } from "./harness.js";
import { Rng } from "../rng.js";

afterAll(async () => {
  await shutdown();
});

const F = "Float64Array" as const;

/**
 * Runs `fn` compiled with the probe on 1 and 2 threads (guided and dynamic chunks of 1); throws
 * when a chunk left the fast path. `sites`: how many accesses the plan checks once per chunk (all of them).
 */
function probe(fn: Kernel, params: readonly ParamType[], sites: number, args: () => Arg[]): void {
  const r = compile(fn.toString(), params, { probeFastPath: true });
  expect(r.compiled, r.diagnostics.map((d) => d.message).join("\n")).not.toBeNull();
  expect(r.compiled!.loops[0]!.hoistedChecks).toBe(sites);
  const k = load(r.compiled!, { name: fn.name || "k", origin: { file: "probe.ts", line: 1, column: 1 } });
  for (const threads of [1, 2]) {
    for (const schedule of ["guided", "dynamic"] as const) invoke(k, args(), { threads, schedule, chunkSize: 1 });
  }
}

const grid = (rng: Rng, rows: number, cols: number): Arg[] => [new Float64Array(rows * cols), rng.f64(rows * cols), rows, cols];

/** hotspot's shape (Rodinia): the four corners, then the four edges, then the interior. */
const corners = (out: Float64Array, t: Float64Array, row: number, col: number) => {
  for (const r of prange(row)) {
    for (let c = 0; c < col; c++) {
      let d;
      if (r === 0 && c === 0) d = t[1] + t[col];
      else if (r === 0 && c === col - 1) d = t[c - 1] + t[c + col];
      else if (r === row - 1 && c === col - 1) d = t[r * col + c - 1] + t[(r - 1) * col + c];
      else if (r === row - 1 && c === 0) d = t[r * col + 1] + t[(r - 1) * col];
      else if (r === 0) d = t[c + 1] + t[c - 1] + t[col + c];
      else if (c === col - 1) d = t[(r + 1) * col + c] + t[(r - 1) * col + c] + t[r * col + c - 1];
      else if (r === row - 1) d = t[r * col + c + 1] + t[r * col + c - 1] + t[(r - 1) * col + c];
      else if (c === 0) d = t[(r + 1) * col] + t[(r - 1) * col] + t[r * col + 1];
      else d = t[(r + 1) * col + c] + t[(r - 1) * col + c] + t[r * col + c + 1] + t[r * col + c - 1];
      out[r * col + c] = t[r * col + c] + 0.25 * d;
    }
  }
};

/** a 1-D three-point rule whose ends are tested with !== (loop-free: chunks of at least 8 take the test) */
const ends = (out: Float64Array, a: Float64Array, n: number) => {
  for (const i of prange(n)) {
    let s = a[i];
    if (i !== 0) s += a[i - 1];
    if (n - 1 !== i) s += a[i + 1];
    out[i] = s;
  }
};

/** symm's and trmm's shape (PolyBench): inner loops over k < i and i < k < m, empty at the ends */
const triangles = (C: Float64Array, A: Float64Array, B: Float64Array, m: number, n: number) => {
  for (let i = 0; i < m; i++) {
    for (const j of prange(n)) {
      let t = 0;
      for (let k = 0; k < i; k++) t += B[k * n + j] * A[i * m + k];
      for (let k = i + 1; k < m; k++) t -= A[k * m + i] * B[k * n + j];
      C[i * n + j] += t;
    }
  }
};

/** navier-stokes' advect (Octane): a running index `++pos` over the row */
const running = (d: Float64Array, u: Float64Array, v: Float64Array, width: number, height: number) => {
  const rowSize = width + 2;
  for (const j of prange(1, height + 1)) {
    let pos = j * rowSize;
    for (let i = 1; i <= width; i++) {
      const x = i - 0.5 * u[++pos];
      d[pos] = x + v[pos] * v[pos - 1];
    }
  }
};

/** running indices: one stepping by 2, one written in both branches of an if (one step a trip) */
const pairs = (out: Float64Array, re: Float64Array, w: Float64Array, n: number) => {
  for (const i of prange(n)) {
    let p = i * 2 * n;
    let q = i * n;
    let s = 0;
    for (let k = 0; k < n; k++) {
      if (re[p] > 0.5) s += re[p + 1] * w[q++];
      else s -= w[q++];
      p += 2;
    }
    out[i] = s;
  }
};

/** periodic boundaries (lattice and particle codes): neighbours wrap around with `%` */
const periodic = (out: Float64Array, a: Float64Array, n: number, m: number) => {
  for (const i of prange(n)) {
    for (let j = 0; j < m; j++) {
      const up = ((i + n - 1) % n) * m + j;
      const down = ((i + 1) % n) * m + j;
      out[i * m + j] = a[up] + a[down] + a[i * m + ((j + 1) % m)] + a[i * m + ((j + m - 1) % m)] - 4 * a[i * m + j];
    }
  }
};

/** clamp to edge (image filters): Math.min / Math.max keep the neighbour inside the image */
const blur = (out: Float64Array, src: Float64Array, w: number, h: number) => {
  for (const y of prange(h)) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let d = -2; d <= 2; d++) s += src[y * w + Math.min(Math.max(x + d, 0), w - 1)] + src[Math.max(0, Math.min(y + d, h - 1)) * w + x];
      out[y * w + x] = s / 10;
    }
  }
};

/** canvas pixels (RGBA bytes at (y * w + x) << 2), a half by >>> 1, a mask by & */
const pixels = (out: Uint8ClampedArray, src: Uint8ClampedArray, w: number, h: number) => {
  for (const y of prange(h)) {
    for (let x = 0; x < w; x++) {
      const p = (y * w + x) << 2;
      out[p] = 255 - src[p];
      out[p + 1] = src[p + 1] >> 1;
      out[p + 2] = src[p + 2] & 0xf0;
      out[p + 3] = src[p + 3] ^ (src[((y * w + x) >>> 1) << 2] & 1) ^ (src[((y * w + x) >> 3) & 7] & 2);
    }
  }
};

/** a flat index split into row and column: Math.floor(i / w), (i / w) | 0, Math.trunc, and i % w */
const flat = (out: Float64Array, src: Float64Array, w: number, h: number) => {
  for (const i of prange(w * h)) {
    const y = Math.floor(i / w);
    const x = i % w;
    const t = Math.trunc(i / (2 * w));
    out[i] = src[x * h + y] + src[((i / w) | 0) * w] * 0.5 + src[t];
  }
};

describe("chunks take the fast path (a failed entry test traps under the probe)", () => {
  it("halves: a[i + n / 2] for an even n (an exact quotient of values fixed in the chunk)", () => {
    const halves = (a: Float64Array, b: Float64Array, n: number) => {
      for (const i of prange(n / 2)) b[i] = a[i + n / 2] - a[i] + a[n - 1 - (n / 2 - 1 - i)];
    };
    probe(halves, [F, F, "s"], 4, () => { const rng = new Rng(12); return [rng.f64(200), new Float64Array(100), 200]; });
  });
  it("a flat index split by Math.floor(i / w), (i / w) | 0 and Math.trunc", () => {
    probe(flat, [F, F, "s", "s"], 4, () => { const rng = new Rng(11); return [new Float64Array(40 * 30), rng.f64(40 * 30), 40, 30]; });
  });
  it("shifts and masks by constants: RGBA pixels at (y * w + x) << 2, >>> 1, & 7", () => {
    const U = "Uint8ClampedArray" as const;
    probe(pixels, [U, U, "s", "s"], 10, () => { const rng = new Rng(10); return [new Uint8ClampedArray(4 * 16 * 12), Uint8ClampedArray.from(rng.ints(4 * 16 * 12, 0, 255)), 16, 12]; });
  });
  it("clamped neighbours src[Math.min(Math.max(x + d, 0), w - 1)]", () => {
    probe(blur, [F, F, "s", "s"], 3, () => { const rng = new Rng(9); return [new Float64Array(40 * 30), rng.f64(40 * 30), 40, 30]; });
  });
  it("periodic neighbours a[(i + n - 1) % n] and a[(j + 1) % m]", () => {
    probe(periodic, [F, F, "s", "s"], 6, () => { const rng = new Rng(8); return [new Float64Array(30 * 20), rng.f64(30 * 20), 30, 20]; });
  });
  it("the probe itself fails a chunk that reads a[i - 1] at i = 0", () => {
    const bad = (out: Float64Array, a: Float64Array, n: number) => {
      for (const i of prange(n)) out[i] = a[i] + (i > -1 ? a[i - 1] : 0);
    };
    expect(() => probe(bad, [F, F, "s"], 3, () => [new Float64Array(100), new Rng(1).f64(100), 100])).toThrow(/unreachable|trapped/);
  });
  it("corner cases, then edges, then the interior (hotspot)", () => {
    for (const [rows, cols] of [[40, 33], [3, 3], [2, 17], [17, 2]] as const) probe(corners, [F, F, "s", "s"], 26, () => grid(new Rng(rows), rows, cols));
  });
  it("ends tested with !== (a[i - 1] where i !== 0)", () => {
    probe(ends, [F, F, "s"], 4, () => [new Float64Array(1000), new Rng(2).f64(1000), 1000]);
  });
  it("inner loops that do not run in the first and last step (symm, trmm)", () => {
    const [m, n] = [12, 40];
    probe(triangles, [F, F, F, "s", "s"], 5, () => { const rng = new Rng(3); return [rng.f64(m * n), rng.f64(m * m), rng.f64(m * n), m, n]; });
  });
  it("a running index ++pos (navier-stokes advect)", () => {
    const [w, h] = [30, 20];
    probe(running, [F, F, F, "s", "s"], 4, () => { const rng = new Rng(4); const n = (w + 2) * (h + 2); return [new Float64Array(n), rng.f64(n), rng.f64(n), w, h]; });
  });
  it("running indices p += 2 and q++ in two branches", () => {
    const n = 24;
    probe(pairs, [F, F, F, "s"], 5, () => { const rng = new Rng(5); return [new Float64Array(n), rng.f64(2 * n * n), rng.f64(n * n), n]; });
  });
});

describe("the same kernels against the plain function", () => {
  diff("corners, edges, interior", corners, (rng) => grid(rng, rng.int(1, 30), rng.int(1, 30)), { cases: 6 });
  diff("ends tested with !==", ends, (rng) => { const n = rng.int(0, 300); return [new Float64Array(n), rng.f64(n), n]; }, { cases: 6 });
  diff("triangular inner loops", triangles, (rng) => {
    const [m, n] = [rng.int(0, 12), rng.int(0, 30)];
    return [rng.f64(m * n), rng.f64(m * m), rng.f64(m * n), m, n];
  }, { cases: 6 });
  diff("a running index ++pos", running, (rng) => {
    const [w, h] = [rng.int(0, 30), rng.int(0, 20)];
    const n = (w + 2) * (h + 2);
    return [new Float64Array(n), rng.f64(n), rng.f64(n), w, h];
  }, { cases: 6 });
  diff("shifts and masks", pixels, (rng) => { const [w, h] = [rng.int(1, 30), rng.int(1, 20)]; return [new Uint8ClampedArray(4 * w * h), Uint8ClampedArray.from(rng.ints(4 * w * h, 0, 255)), w, h]; }, { cases: 6 });
  diff("a flat index split into row and column", flat, (rng) => { const [w, h] = [rng.int(1, 30), rng.int(1, 20)]; return [new Float64Array(w * h), rng.f64(w * h), w, h]; }, { cases: 6 });
  diff("clamped neighbours", blur, (rng) => { const [w, h] = [rng.int(1, 30), rng.int(1, 20)]; return [new Float64Array(w * h), rng.f64(w * h), w, h]; }, { cases: 6 });
  diff("periodic neighbours", periodic, (rng) => { const [n, m] = [rng.int(1, 30), rng.int(1, 20)]; return [new Float64Array(n * m), rng.f64(n * m), n, m]; }, { cases: 6 });
  diff("running indices in two branches", pairs, (rng) => { const n = rng.int(0, 24); return [new Float64Array(n), rng.f64(2 * n * n), rng.f64(n * n), n]; }, { cases: 6 });
});

describe("what these rules must not excuse", () => {
  it("a remainder of a negative value is negative: a[(i - 1) % n] reads a[-1] at i = 0", () => {
    checkThrowsRange(
      (out: Float64Array, a: Float64Array, n: number) => {
        for (const i of prange(n)) out[i] = a[(i - 1) % n] + a[i];
      },
      () => [new Float64Array(64), new Float64Array(64), 64],
      { array: "a", index: -1 },
    );
  });
  it("a clamp that lets -1 through (Math.max(i - 2, -1)) throws at -1", () => {
    checkThrowsRange(
      (out: Float64Array, a: Float64Array, n: number) => {
        for (const i of prange(n)) out[i] = a[Math.min(Math.max(i - 2, -1), n - 1)];
      },
      () => [new Float64Array(64), new Float64Array(64), 64],
      { array: "a", index: -1 },
    );
  });
  it("shifts of a negative value stay negative or become huge: (i - 1) >> 1 and (i - 8) >>> 0 at i = 0 throw", () => {
    checkThrowsRange(
      (out: Float64Array, a: Float64Array, n: number) => {
        for (const i of prange(n)) out[i] = a[(i - 1) >> 1] + a[i];
      },
      () => [new Float64Array(64), new Float64Array(64), 64],
      { array: "a", index: -1 },
    );
    checkThrowsRange(
      (out: Float64Array, a: Float64Array, n: number) => {
        for (const i of prange(n)) out[i] = a[(i - 8) >>> 0] + a[i];
      },
      () => [new Float64Array(64), new Float64Array(64), 64],
      { array: "a", index: 4294967288 },
    );
  });
  it("a mask of two negative values is negative: ((i - 1) & -8) at i = 0 throws", () => {
    checkThrowsRange(
      (out: Float64Array, a: Float64Array, n: number) => {
        for (const i of prange(n)) out[i] = a[(i - 1) & -8] + a[i];
      },
      () => [new Float64Array(64), new Float64Array(64), 64],
      { array: "a", index: -8 },
    );
  });
  it("a quotient of a negative value: Math.floor((i - 1) / 4) at i = 0 reads a[-1]; and division by 0", () => {
    checkThrowsRange(
      (out: Float64Array, a: Float64Array, n: number) => {
        for (const i of prange(n)) out[i] = a[Math.floor((i - 1) / 4)] + a[i];
      },
      () => [new Float64Array(64), new Float64Array(64), 64],
      { array: "a", index: -1 },
    );
    const f = (out: Float64Array, a: Float64Array, m: number) => {
      for (const i of prange(out.length)) out[i] = a[Math.floor(i / m)] + 1;
    };
    const k = parallel(f, { threads: 2 }) as unknown as typeof f;
    expect(() => k(new Float64Array(64), new Float64Array(64), 0)).toThrow(RangeError);
  });
  it("an inexact quotient keeps its check: a[i + n / 2] for an odd n is a fractional index, a RangeError", () => {
    checkThrowsRange(
      (a: Float64Array, b: Float64Array, n: number) => {
        for (const i of prange(b.length)) b[i] = a[i + n / 2] + 1;
      },
      () => [new Float64Array(64).fill(3), new Float64Array(16), 33],
      { array: "a", index: 16.5 },
    );
  });
  diff("an exact quotient by a negative divisor keeps -0 where it is a value (0 / -2 is -0; 1 / -0 is -Infinity)", (out: Float64Array, a: Float64Array, n: number, m: number) => {
    for (const i of prange(out.length)) {
      const h = n / m;
      out[i] = a[i + h] + 1 / h;
    }
  }, (rng) => [new Float64Array(16), rng.f64(32), 0, -2], { cases: 2 });
  it("a remainder by zero is NaN: a[i % m] with m = 0 throws", () => {
    const f = (out: Float64Array, a: Float64Array, m: number) => {
      for (const i of prange(out.length)) out[i] = a[i % m] + 1;
    };
    const k = parallel(f, { threads: 2 }) as unknown as typeof f;
    expect(() => k(new Float64Array(64), new Float64Array(64), 0)).toThrow(RangeError);
  });
  it("the else of corner cases does not exclude the edge itself: c === 0 after r === 0 && c === 0 reads t[-1] at c - 1", () => {
    checkThrowsRange(
      (out: Float64Array, t: Float64Array, row: number, col: number) => {
        for (const r of prange(row)) {
          for (let c = 0; c < col; c++) {
            if (r === 0 && c === 0) out[r * col + c] = 1;
            else if (c === 0) out[r * col + c] = t[r * col + c - 1] + t[c - 1];
          }
        }
      },
      () => grid(new Rng(6), 5, 4),
      { array: "t", index: -1 },
    );
  });
  it("!== of a value inside the range excludes nothing: i !== 3 does not keep a[i - 1] off -1", () => {
    checkThrowsRange(
      (out: Float64Array, a: Float64Array, n: number) => {
        for (const i of prange(n)) if (i !== 3) out[i] = a[i - 1];
      },
      () => [new Float64Array(64), new Float64Array(64), 64],
      { array: "a", index: -1 },
    );
  });
  it("a running index that steps twice a trip in an inner loop runs past the end", () => {
    checkThrowsRange(
      (out: Float64Array, a: Float64Array, n: number) => {
        for (const i of prange(n)) {
          let p = i * n;
          for (let k = 0; k < n; k++) for (let z = 0; z < 2; z++) out[i * n + k] += a[p++];
        }
      },
      () => [new Float64Array(64), new Float64Array(64), 8],
      { array: "a", index: 64 },
    );
  });
  // found by review
  it("a fact does not name an element: the else-branch may store to it (a[i] = 1 before `if (a[i] > 0)`)", () => {
    checkThrowsRange(
      (out: Float64Array, a: Float64Array, b: Float64Array, n: number) => {
        for (const i of prange(n)) {
          if (a[i] > 0 && i === 0) out[i] = 5;
          else {
            a[i] = 1;
            if (a[i] > 0) out[i] = b[i - 1] + 1;
          }
        }
      },
      () => [new Float64Array(64), new Float64Array(64), new Float64Array(64).fill(2), 64],
      { array: "b", index: -1 },
    );
  });
  it("a loop bound that reads another running index: its value where the loop starts, not where the index is declared", () => {
    checkThrowsRange(
      (out: Float64Array, a: Float64Array, n: number, m: number) => {
        for (const i of prange(m)) {
          let q = 0;
          let s = 0;
          for (let k = 0; k < n; k++) {
            let pos = 0;
            q++;
            for (let z = 0; z < q; z++) pos++;
            s += a[pos];
          }
          out[i] = s;
        }
      },
      () => [new Float64Array(16), new Float64Array(8).fill(1), 8, 16],
      { array: "a", index: 8 },
    );
  });
  it("a loop bound that reads another running index through Math.min", () => {
    checkThrowsRange(
      (out: Float64Array, a: Float64Array, n: number) => {
        for (const i of prange(n)) {
          let q = i;
          let s = 0;
          for (let k = 0; k < 4; k++) {
            let pos = 0;
            ++q;
            for (let j = 0; j < Math.min(q, 100000); j++) s += a[pos++];
          }
          out[i] = s;
        }
      },
      () => [new Float64Array(64), Float64Array.from({ length: 66 }, (_, j) => j + 1), 64],
      { array: "a", index: 66 },
    );
  });
  diff("a narrowed running index keeps its value after its last read as an index (pos near 2^31)", (out: Float64Array, a: Float64Array, n: number, base: number) => {
    for (const i of prange(n)) {
      let pos = base;
      let s = 0;
      for (let k = 0; k < 1; k++) {
        s += a[pos - base];
        pos += 65536;
      }
      out[i] = s + pos;
    }
  }, (rng) => [new Float64Array(8), rng.f64(8), 8, 2147483647 - rng.int(0, 200)], { cases: 3 });
  it("a running index reset in a loop around the loop that steps it keeps its checks", () => {
    checkThrowsRange(
      (out: Float64Array, a: Float64Array, n: number) => {
        for (const i of prange(n)) {
          let p = i;
          for (let r = 0; r < 3; r++) for (let k = 0; k < n; k++) out[i] += a[p++];
        }
      },
      () => [new Float64Array(8), new Float64Array(8 * 3), 8],
      { array: "a", index: 24 },
    );
  });
});
