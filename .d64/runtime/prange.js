/**
 * `prange` outside compiled code: an ordinary iterable over start, start+step, ... (exclusive of
 * stop), so an unwrapped kernel runs unchanged and serves as the reference for every result.
 * Inside a compiled kernel the call is recognised by name and never executed.
 */
function checkBound(name, v) {
    if (typeof v !== "number") {
        throw new TypeError(`prange: ${name} must be a number, got ${v === null ? "null" : typeof v}`);
    }
    if (!Number.isSafeInteger(v)) {
        throw new TypeError(`prange: ${name} must be a safe integer, got ${v}`);
    }
    return v + 0; // normalise -0 to +0 so the first index is never -0
}
class RangeIterator {
    stop;
    step;
    i;
    constructor(i, stop, step) {
        this.stop = stop;
        this.step = step;
        this.i = i;
    }
    next() {
        const i = this.i;
        if (this.step > 0 ? i < this.stop : i > this.stop) {
            this.i = i + this.step;
            return { value: i, done: false };
        }
        return { value: undefined, done: true };
    }
    [Symbol.iterator]() {
        return this;
    }
}
class Range {
    start;
    stop;
    step;
    constructor(start, stop, step) {
        this.start = start;
        this.stop = stop;
        this.step = step;
    }
    get length() {
        const span = this.step > 0 ? this.stop - this.start : this.start - this.stop;
        return span <= 0 ? 0 : Math.ceil(span / Math.abs(this.step));
    }
    [Symbol.iterator]() {
        return new RangeIterator(this.start, this.stop, this.step);
    }
}
export function prange(a, b, c) {
    const n = arguments.length;
    if (n === 0 || n > 3)
        throw new TypeError(`prange expects 1 to 3 arguments, got ${n}`);
    if (n === 1)
        return new Range(0, checkBound("stop", a), 1);
    const start = checkBound("start", a);
    const stop = checkBound("stop", b);
    const step = n === 3 ? checkBound("step", c) : 1;
    if (step === 0)
        throw new RangeError("prange: step must not be zero");
    return new Range(start, stop, step);
}
