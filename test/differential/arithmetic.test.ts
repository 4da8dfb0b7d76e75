/** Arithmetic operators: + - * / % ** unary - +, with NaN, Infinity, -0 and results beyond int32. */
import { describe } from "vitest";
import { prange } from "../../index.js";
import { diffAll, drop, f64, type Rng } from "./harness.js";

const mixed2 = (rng: Rng) => {
  const n = rng.int(1, 400);
  return [rng.mixed(n), rng.mixed(n), new Float64Array(n)];
};
const ints2 = (rng: Rng) => {
  const n = rng.int(1, 400);
  const a = rng.i32(n, -20, 20);
  const b = rng.i32(n, -5, 5);
  a[0] = -4; b[0] = 2; // -4 % 2 is -0
  if (n > 1) { a[1] = -(2 ** 31); b[1] = -1; } // -2^31 / -1 and -2^31 % -1
  if (n > 2) { a[2] = 7; b[2] = 0; } // division and remainder by zero
  if (n > 3) { a[3] = 0; b[3] = -3; }
  return [a, b, new Float64Array(n)];
};
const bigInts2 = (rng: Rng) => {
  const n = rng.int(1, 400);
  return [rng.i32(n, -(2 ** 31), 2 ** 31 - 1), rng.i32(n, -(2 ** 31), 2 ** 31 - 1), new Float64Array(n)];
};
const oneOut = (rng: Rng) => [new Float64Array(rng.int(1, 3000))];

describe("binary operators on doubles with special values", () => {
  diffAll([
    ["a + b", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] + b[i]; }, mixed2],
    ["a - b", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] - b[i]; }, mixed2],
    ["a * b", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] * b[i]; }, mixed2],
    ["a / b", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] / b[i]; }, mixed2],
    ["a % b (negatives, zero divisor, fractional, infinities)", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] % b[i]; }, mixed2],
    ["a ** b", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] ** b[i]; }, mixed2],
    ["unary minus of doubles (0 gives -0)", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = -a[i]; }, drop(mixed2, 1)],
    ["unary plus of doubles", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = +a[i]; }, drop(mixed2, 1)],
    ["precedence: (a - b) * (a + b) / 2 - a % 3 ** 2", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = ((a[i] - b[i]) * (a[i] + b[i])) / 2 - (a[i] % 3 ** 2); }, mixed2],
    ["x * 0 (NaN for infinities, -0 for negatives)", (a: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] * 0; }, drop(mixed2, 1)],
  ]);
});

describe("int32 operands: results that leave int32 or are -0", () => {
  diffAll([
    ["Int32 a % b: -4 % 2 is -0, x % 0 is NaN, -2^31 % -1 is -0", (a: Int32Array, b: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] % b[i]; }, ints2],
    ["Int32 a / b: 7 / 2 is 3.5, x / 0 is ±Infinity, -2^31 / -1 is 2^31", (a: Int32Array, b: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] / b[i]; }, ints2],
    ["Int32 a * -1 and 0 * negative give -0", (a: Int32Array, b: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] * -1 + 0 * b[i]; }, ints2],
    ["Int32 0 * b alone keeps -0 for negative b", (b: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = 0 * b[i]; }, drop(ints2, 0)],
    ["Int32 negation: -0 for 0 and 2^31 for -2^31", (a: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = -a[i]; }, drop(bigInts2, 1)],
    ["Int32 a + b beyond 2^31 is exact (no wrap)", (a: Int32Array, b: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] + b[i]; }, bigInts2],
    ["Int32 a - b beyond 2^31 is exact (no wrap)", (a: Int32Array, b: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] - b[i]; }, bigInts2],
    ["Int32 a * b beyond 2^53 rounds like doubles", (a: Int32Array, b: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] * b[i]; }, bigInts2],
    ["Int32 a ** 2 and a ** -1", (a: Int32Array, b: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] ** 2 + b[i] ** -1; }, ints2],
    ["Int32 (a + b) % 7 with negative sums", (a: Int32Array, b: Int32Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = (a[i] + b[i]) % 7; }, ints2],
  ]);
});

describe("integer arithmetic near 2^53", () => {
  diffAll([
    ["k * 2^33 + 1 + 1 reaches 2^53 + 2 (rounds to 2^53 as doubles do)", (o: Float64Array, k: number) => { for (const i of prange(o.length)) o[i] = k * 8589934592 + 1 + 1 + i * 0; }, (rng) => [new Float64Array(rng.int(1, 40)), 2 ** 20], ],
    ["2^53 - 2 + 1 + 1 and - 1 - 1 from -(2^53 - 2)", (o: Float64Array, k: number) => { for (const i of prange(o.length)) o[i] = (k * 8589934592 - 2 + 1 + 1) * 0 + (9007199254740990 + k * 0 + 1 + 1) - (-9007199254740990 - k * 0 - 1 - 1); }, (rng) => [new Float64Array(rng.int(1, 40)), 2 ** 20]],
  ]);
});

describe("arithmetic on the loop index", () => {
  diffAll([
    ["i * i * i beyond 2^31 exact", (o: Float64Array) => { for (const i of prange(o.length)) o[i] = i * i * i * 1000; }, oneOut],
    ["(i - n) % 3 gives -0 for multiples of 3", (o: Float64Array) => { const n = o.length; for (const i of prange(n)) o[i] = (i - n) % 3; }, oneOut],
    ["i / 3 and i / 0 and -i / 0 and (i - i) / 0", (o: Float64Array) => { for (const i of prange(o.length)) o[i] = i / 3 + (i % 2 === 0 ? i / 0 : -i / 0) + ((i - i) / 0 === (i - i) / 0 ? 1 : 2); }, oneOut],
    ["-i gives -0 at i = 0", (o: Float64Array) => { for (const i of prange(o.length)) o[i] = -i; }, oneOut],
    ["i * -1 and 0 * -i give -0", (o: Float64Array) => { for (const i of prange(o.length)) o[i] = i * -1 + (i === 0 ? 0 : 1) + 0 * -i; }, oneOut],
    ["2147483647 + i and -2147483648 - i exact", (o: Float64Array) => { for (const i of prange(o.length)) o[i] = (2147483647 + i) * 2 - (-2147483648 - i); }, oneOut],
    ["i % 7.5 fractional remainder and -i % 2 negative zero", (o: Float64Array) => { for (const i of prange(o.length)) o[i] = (i % 7.5) * 10 + (-i % 2); }, oneOut],
    ["i ** 0.5 and 2 ** i (overflow to Infinity past 1023)", (o: Float64Array) => { for (const i of prange(o.length)) o[i] = i ** 0.5 + 2 ** i; }, oneOut],
    ["numeric literal forms: hex, binary, octal, separators, exponents, leading dot", (o: Float64Array) => { for (const i of prange(o.length)) o[i] = i * 0x10 + 0b101 - 0o17 + 1_000 + .5 + 1e-3 + 2.5e+2 + 0xff_ff; }, oneOut],
    ["i * 0.1 repeated: double rounding of each step", (o: Float64Array) => { for (const i of prange(o.length)) o[i] = i * 0.1 * 0.1 + i / 10 / 10; }, oneOut],
  ]);
});

describe("fixed edge operands", () => {
  const A = f64(5.5, -5.5, 5, -5, 0, -0, 1, -1, Infinity, -Infinity, NaN, 5e-324, 1e308, 0.1, -4, 2 ** 31, 3, -3);
  const B = f64(2, 2, 0.3, -0.3, 5, 5, 0, -0, 2, Infinity, 1, 2, 10, 0.01, 2, -1, -Infinity, 0.5);
  const fixed = () => [A, B, new Float64Array(A.length)];
  diffAll([
    ["fixed: a % b", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] % b[i]; }, fixed],
    ["fixed: a / b", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] / b[i]; }, fixed],
    ["fixed: a ** b (1 ** Infinity is NaN, NaN ** 0 is 1)", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] ** b[i] + b[i] ** a[i] * 0 + NaN ** 0 + (1 ** Infinity === 1 ** Infinity ? 100 : 0); }, fixed],
    ["fixed: -0 from -0 - 0, -0 + -0, and 0 - 0 is +0", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = i % 3 === 0 ? -0 - 0 : i % 3 === 1 ? -0 + -0 : a[i] - a[i] + (b[i] - b[i]); }, fixed],
    ["fixed: Infinity - Infinity and Infinity * 0", (a: Float64Array, b: Float64Array, o: Float64Array) => { for (const i of prange(o.length)) o[i] = a[i] * b[i] - a[i] * b[i]; }, fixed],
  ]);
});
