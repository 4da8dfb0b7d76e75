/**
 * The math library (math/assembly, dist/math/parfor-math.wasm) against V8's Math, bit for bit:
 * per function 10^6 seeded random inputs spread over several ranges, plus special values (NaN,
 * +-0, +-Infinity, subnormals, overflow and underflow edges, domain edges, huge arguments for
 * sin/cos/tan), and for two-argument functions every pair of special values. Any NaN matches any
 * NaN (JavaScript cannot tell NaN payloads apart through Math's results); everything else must
 * have the same bits (so -0 and +0 differ). The whole file takes a few seconds.
 */
import { describe, expect, it } from "vitest";
import { LIBRARY_FUNCTIONS, mathLibrary } from "../../runtime/mathlib.js";
import { sharedMemory } from "../../runtime/memory.js";

const lib = mathLibrary(sharedMemory());
/** the library's exports, hypot included (kernels do not use its hypot: see mathlib.ts) */
const wasm = lib ?? {};

/** Inputs per function (random part). */
const N = 1_000_000;

/** xorshift128+, seeded: the same inputs on every run. */
class Rng {
  private s0: bigint;
  private s1: bigint;
  private readonly f = new Float64Array(1);
  private readonly u = new BigUint64Array(this.f.buffer);
  constructor(seed: number) {
    this.s0 = BigInt(seed) * 0x9e3779b97f4a7c15n & 0xffffffffffffffffn | 1n;
    this.s1 = BigInt(seed + 7) * 0xbf58476d1ce4e5b9n & 0xffffffffffffffffn | 2n;
  }
  bits(): bigint {
    let x = this.s0;
    const y = this.s1;
    this.s0 = y;
    x ^= (x << 23n) & 0xffffffffffffffffn;
    this.s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
    return (this.s1 + y) & 0xffffffffffffffffn;
  }
  /** uniform in [0, 1) */
  next(): number {
    return Number(this.bits() >> 11n) / 2 ** 53;
  }
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  /** any double, NaNs, infinities and subnormals included */
  anyDouble(): number {
    this.u[0] = this.bits();
    return this.f[0]!;
  }
  /** +-2^e with e uniform in [lo, hi], times a random mantissa */
  logUniform(lo: number, hi: number, signed = true): number {
    const v = 2 ** this.uniform(lo, hi);
    return signed && this.next() < 0.5 ? -v : v;
  }
}

type Gen = (r: Rng) => number;

/** Ranges used for every function, then each function's own. */
const common: Gen[] = [
  (r) => r.uniform(-10, 10),
  (r) => r.uniform(-1000, 1000),
  (r) => r.anyDouble(),
  (r) => r.logUniform(-1074, 1024),
  (r) => r.logUniform(-60, 3),
];

const own: Record<string, Gen[]> = {
  exp: [(r) => r.uniform(-746, 710), (r) => r.uniform(-1.1, 1.1), (r) => r.uniform(708, 710), (r) => r.uniform(-746, -744)],
  expm1: [(r) => r.uniform(-40, 710), (r) => r.uniform(-1.1, 1.1), (r) => r.logUniform(-60, -20)],
  log: [(r) => r.logUniform(-1074, 1024, false), (r) => r.uniform(0.5, 2), (r) => 1 + r.uniform(-1e-5, 1e-5)],
  log1p: [(r) => r.uniform(-1, 2), (r) => r.logUniform(-60, 1), (r) => r.logUniform(-1074, 1024, false)],
  log2: [(r) => r.logUniform(-1074, 1024, false), (r) => r.uniform(0.5, 2), (r) => 1 + r.uniform(-1e-5, 1e-5)],
  log10: [(r) => r.logUniform(-1074, 1024, false), (r) => r.uniform(0.5, 20), (r) => 10 ** Math.round(r.uniform(-320, 308))],
  sin: [(r) => r.uniform(-7, 7), (r) => r.uniform(-1e6, 1e6), (r) => r.logUniform(19, 1024), (r) => r.logUniform(-30, 1)],
  cos: [(r) => r.uniform(-7, 7), (r) => r.uniform(-1e6, 1e6), (r) => r.logUniform(19, 1024), (r) => r.logUniform(-30, 1)],
  tan: [(r) => r.uniform(-7, 7), (r) => r.uniform(-1e6, 1e6), (r) => r.logUniform(19, 1024), (r) => r.logUniform(-30, 1)],
  asin: [(r) => r.uniform(-1, 1), (r) => r.uniform(0.97, 1), (r) => r.logUniform(-60, 0)],
  acos: [(r) => r.uniform(-1, 1), (r) => r.uniform(0.97, 1), (r) => r.logUniform(-60, 0)],
  atan: [(r) => r.uniform(-3, 3), (r) => r.logUniform(-30, 70)],
  sinh: [(r) => r.uniform(-30, 30), (r) => r.uniform(-711, 711), (r) => r.logUniform(-60, 0)],
  cosh: [(r) => r.uniform(-30, 30), (r) => r.uniform(-711, 711), (r) => r.logUniform(-60, 0)],
  tanh: [(r) => r.uniform(-30, 30), (r) => r.logUniform(-60, 5)],
  asinh: [(r) => r.uniform(-5, 5), (r) => r.logUniform(-60, 1024)],
  acosh: [(r) => r.uniform(1, 5), (r) => 1 + r.logUniform(-60, 1024, false)],
  atanh: [(r) => r.uniform(-1, 1), (r) => r.logUniform(-60, 0)],
  cbrt: [(r) => r.uniform(-30, 30), (r) => r.logUniform(-1074, 1024)],
};

/** Second arguments for atan2, pow, hypot. */
const second: Record<string, Gen[]> = {
  atan2: [(r) => r.uniform(-10, 10), (r) => r.anyDouble(), (r) => r.logUniform(-1074, 1024)],
  hypot: [(r) => r.uniform(-10, 10), (r) => r.anyDouble(), (r) => r.logUniform(-1074, 1024)],
  pow: [
    (r) => r.uniform(-10, 10),
    (r) => r.anyDouble(),
    (r) => Math.round(r.uniform(-1100, 1100)),
    (r) => Math.round(r.uniform(-40, 40)) / 2,
    (r) => r.logUniform(-60, 64),
  ],
};
const firstOfTwo: Record<string, Gen[]> = {
  atan2: [...common, (r) => r.logUniform(-1074, 1024)],
  hypot: [...common],
  pow: [...common, (r) => r.uniform(0, 3), (r) => 1 + r.uniform(-1e-9, 1e-9), (r) => -Math.round(r.uniform(0, 20))],
};

const MIN_NORMAL = 2.2250738585072014e-308;
const SPECIALS: number[] = [
  NaN, 0, -0, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, MIN_NORMAL, -MIN_NORMAL,
  MIN_NORMAL - Number.MIN_VALUE, -(MIN_NORMAL - Number.MIN_VALUE), Number.MAX_VALUE, -Number.MAX_VALUE,
  1, -1, 0.5, -0.5, 2, -2, 3, 10, 1e-300, 1e300, 2 ** -28, 2 ** -29, 2 ** -54, 2 ** -60, 2 ** 28, 2 ** 53, 2 ** 64,
  0.9999999999999999, 1.0000000000000002, -0.9999999999999999, 0.975, 0.4375, 2.4375, 1.1875,
  709.782712893384, 709.7827128933841, -709.782712893384, -745.1332191019411, -745.1332191019412, -744.44,
  710.4758600739439, 710.475860073944, 22, -22, 0.34657359027997264, 1.0397207708399179,
  Math.PI / 4, -Math.PI / 4, Math.PI / 2, -Math.PI / 2, Math.PI, 3 * Math.PI / 4, 2 ** 19 * Math.PI / 2,
  2 ** 19 * Math.PI / 2 * 1.0000001, 1e22, -1e22, 2 ** 1023, 2 ** 120, 5e-324 * 3, 1e-310, -1e-310, 4503599627370497,
  ...Array.from({ length: 40 }, (_, n) => (n * Math.PI) / 2),
];

const same = (a: number, b: number): boolean => Object.is(a, b) || (a !== a && b !== b);
const hex = (v: number): string => {
  const f = new Float64Array([v]);
  return `${v} (0x${new BigUint64Array(f.buffer)[0]!.toString(16).padStart(16, "0")})`;
};

/** Runs `count` inputs through both, returns the number of differences and the first few. */
function compareUnary(name: string, xs: Iterable<number>): { count: number; bad: string[] } {
  const f = wasm[name]!;
  const g = (Math as unknown as Record<string, (x: number) => number>)[name]!;
  let count = 0;
  const bad: string[] = [];
  for (const x of xs) {
    count++;
    const a = f(x);
    const b = g(x);
    if (!same(a, b) && bad.length < 5) bad.push(`${name}(${hex(x)}): library ${hex(a)}, V8 ${hex(b)}`);
  }
  return { count, bad };
}

function compareBinary(name: string, pairs: Iterable<[number, number]>): { count: number; bad: string[] } {
  const f = wasm[name]!;
  const g = (Math as unknown as Record<string, (x: number, y: number) => number>)[name]!;
  let count = 0;
  const bad: string[] = [];
  for (const [x, y] of pairs) {
    count++;
    const a = f(x, y);
    const b = g(x, y);
    if (!same(a, b) && bad.length < 5) bad.push(`${name}(${hex(x)}, ${hex(y)}): library ${hex(a)}, V8 ${hex(b)}`);
  }
  return { count, bad };
}

function* randomUnary(gens: Gen[], seed: number): Generator<number> {
  const r = new Rng(seed);
  for (let i = 0; i < N; i++) yield gens[i % gens.length]!(r);
}

function* randomBinary(xs: Gen[], ys: Gen[], seed: number): Generator<[number, number]> {
  const r = new Rng(seed);
  for (let i = 0; i < N; i++) yield [xs[i % xs.length]!(r), ys[Math.floor(i / xs.length) % ys.length]!(r)];
}

function* specialPairs(): Generator<[number, number]> {
  for (const x of SPECIALS) for (const y of SPECIALS) yield [x, y];
}

const UNARY = ["exp", "expm1", "log", "log1p", "log2", "log10", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "cbrt"];
const BINARY = ["pow", "atan2", "hypot"];

describe("math library: bit-identical to V8's Math", () => {
  it("loads, and provides every function kernels take from it", () => {
    expect(lib).not.toBeNull();
    for (const name of LIBRARY_FUNCTIONS) expect(typeof wasm[name], name).toBe("function");
    expect([...LIBRARY_FUNCTIONS].sort()).toEqual([...UNARY, ...BINARY].sort());
  });

  UNARY.forEach((name, k) => {
    it(`${name}: ${N} seeded random inputs and ${SPECIALS.length * 3} special values`, () => {
      const specials = SPECIALS.flatMap((v) => [v, v * (1 + 2 ** -52), v * (1 - 2 ** -53)]);
      const s = compareUnary(name, specials);
      const r = compareUnary(name, randomUnary([...common, ...(own[name] ?? [])], 1000 + k));
      expect(r.count).toBe(N);
      expect([...s.bad, ...r.bad]).toEqual([]);
    });
  });

  BINARY.forEach((name, k) => {
    it(`${name}: ${N} seeded random pairs and every pair of ${SPECIALS.length} special values`, () => {
      const s = compareBinary(name, specialPairs());
      const r = compareBinary(name, randomBinary(firstOfTwo[name]!, second[name]!, 2000 + k));
      expect(r.count).toBe(N);
      expect([...s.bad, ...r.bad]).toEqual([]);
    });
  });

  it("sin/cos/tan reduction: hi(n * pio2_1) is fdlibm's table of the high words of n*pi/2 (n = 1..32)", () => {
    const table = [
      0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C, 0x4025FDBB, 0x402921FB,
      0x402C463A, 0x402F6A7A, 0x4031475C, 0x4032D97C, 0x40346B9C, 0x4035FDBB, 0x40378FDB, 0x403921FB,
      0x403AB41B, 0x403C463A, 0x403DD85A, 0x403F6A7A, 0x40407E4C, 0x4041475C, 0x4042106C, 0x4042D97C,
      0x4043A28C, 0x40446B9C, 0x404534AC, 0x4045FDBB, 0x4046C6CB, 0x40478FDB, 0x404858EB, 0x404921FB,
    ];
    const f = new Float64Array(1);
    const u = new Uint32Array(f.buffer);
    table.forEach((hw, i) => {
      f[0] = (i + 1) * 1.57079632673412561417;
      expect(u[1], `n = ${i + 1}`).toBe(hw);
    });
  });
});
