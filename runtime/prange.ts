/**
 * `prange` outside compiled code: an ordinary iterable over start, start+step, ... (exclusive of
 * stop), so an unwrapped kernel runs unchanged and serves as the reference for every result.
 * Inside a compiled kernel the call is recognised by name and never executed.
 */

/** The iterable `prange` returns in plain JavaScript. */
export interface PRange extends Iterable<number> {
  readonly start: number;
  readonly stop: number;
  readonly step: number;
  /** number of iterations */
  readonly length: number;
}

function checkBound(name: string, v: unknown): number {
  if (typeof v !== "number") {
    throw new TypeError(`prange: ${name} must be a number, got ${v === null ? "null" : typeof v}`);
  }
  if (!Number.isSafeInteger(v)) {
    throw new TypeError(`prange: ${name} must be a safe integer, got ${v}`);
  }
  return v + 0; // normalise -0 to +0 so the first index is never -0
}

class RangeIterator implements Iterator<number> {
  private i: number;
  constructor(
    i: number,
    private readonly stop: number,
    private readonly step: number,
  ) {
    this.i = i;
  }
  next(): IteratorResult<number> {
    const i = this.i;
    if (this.step > 0 ? i < this.stop : i > this.stop) {
      this.i = i + this.step;
      return { value: i, done: false };
    }
    return { value: undefined, done: true };
  }
  [Symbol.iterator](): Iterator<number> {
    return this;
  }
}

class Range implements PRange {
  constructor(
    readonly start: number,
    readonly stop: number,
    readonly step: number,
  ) {}
  get length(): number {
    const span = this.step > 0 ? this.stop - this.start : this.start - this.stop;
    return span <= 0 ? 0 : Math.ceil(span / Math.abs(this.step));
  }
  [Symbol.iterator](): Iterator<number> {
    return new RangeIterator(this.start, this.stop, this.step);
  }
}

/**
 * Marks a loop whose iterations may run in parallel: `for (const i of prange(n))`.
 * `prange(stop)`, `prange(start, stop)` and `prange(start, stop, step)` follow Python's `range`:
 * integers only, `step` may be negative but not zero.
 */
export function prange(stop: number): PRange;
export function prange(start: number, stop: number, step?: number): PRange;
export function prange(a: number, b?: number, c?: number): PRange {
  const n = arguments.length;
  if (n === 0 || n > 3) throw new TypeError(`prange expects 1 to 3 arguments, got ${n}`);
  if (n === 1) return new Range(0, checkBound("stop", a), 1);
  const start = checkBound("start", a);
  const stop = checkBound("stop", b);
  const step = n === 3 ? checkBound("step", c) : 1;
  if (step === 0) throw new RangeError("prange: step must not be zero");
  return new Range(start, stop, step);
}
