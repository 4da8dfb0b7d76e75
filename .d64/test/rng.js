/**
 * The seeded input generator shared by the differential harness, the real-code corpus and its
 * benchmark (no vitest here, so bench/ can import it).
 */
/** Values that tend to expose conversion and sign bugs. */
export const SPECIALS = [
    0, -0, NaN, Infinity, -Infinity, 1, -1, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994,
    2 ** 31, -(2 ** 31), 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 32, 2 ** 32 + 1, -(2 ** 32), 2 ** 40 + 3,
    -1e20, 1e300, -1e300, 5e-324, -5e-324, 2 ** 53, 2 ** 53 + 2, 255.5, 254.5, 65535.5, -129, 128, 300,
    Number.MAX_VALUE, Number.EPSILON, 1e-310, 4294967295, 4294967295.5, 3.7, -3.7,
];
/** Small seeded PRNG (mulberry32) with helpers for kernel inputs. No Math.random anywhere. */
export class Rng {
    s;
    constructor(seed) {
        this.s = (seed * 0x9e3779b9) >>> 0 || 0x12345678;
    }
    /** uniform uint32 */
    u32() {
        let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return (t ^ (t >>> 14)) >>> 0;
    }
    /** uniform in [0, 1) with 53 random bits */
    unit() {
        return ((this.u32() >>> 5) * 67108864 + (this.u32() >>> 6)) / 9007199254740992;
    }
    /** uniform double in [lo, hi) */
    float(lo, hi) {
        return lo + (hi - lo) * this.unit();
    }
    /** uniform integer in [lo, hi] (inclusive), |lo|,|hi| < 2^53 */
    int(lo, hi) {
        return lo + Math.floor(this.unit() * (hi - lo + 1));
    }
    bool() {
        return (this.u32() & 1) === 1;
    }
    pick(xs) {
        return xs[this.int(0, xs.length - 1)];
    }
    /** a Float64Array of n uniform doubles in [lo, hi) */
    f64(n, lo = -1, hi = 1) {
        const a = new Float64Array(n);
        for (let i = 0; i < n; i++)
            a[i] = this.float(lo, hi);
        return a;
    }
    /** an Int32Array of n uniform integers in [lo, hi] */
    i32(n, lo = -1000, hi = 1000) {
        const a = new Int32Array(n);
        for (let i = 0; i < n; i++)
            a[i] = this.int(lo, hi);
        return a;
    }
    /** a Float64Array of n integer-valued doubles in [lo, hi] */
    ints(n, lo = -1000, hi = 1000) {
        const a = new Float64Array(n);
        for (let i = 0; i < n; i++)
            a[i] = this.int(lo, hi);
        return a;
    }
    /** a Float64Array whose elements are drawn from `values` (each at least once when n allows) */
    from(n, values) {
        const a = new Float64Array(n);
        for (let i = 0; i < n; i++)
            a[i] = i < values.length ? values[i] : this.pick(values);
        // shuffle so the special values land in different chunks on different seeds
        for (let i = n - 1; i > 0; i--) {
            const j = this.int(0, i);
            const t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
    /** a Float64Array mixing special values and random doubles of varied magnitude */
    mixed(n) {
        const a = new Float64Array(n);
        for (let i = 0; i < n; i++) {
            const k = this.int(0, 9);
            if (k < 3)
                a[i] = this.pick(SPECIALS);
            else if (k < 5)
                a[i] = this.int(-300, 300);
            else if (k < 7)
                a[i] = this.float(-3, 3);
            else if (k < 8)
                a[i] = this.float(-1e10, 1e10);
            else if (k < 9)
                a[i] = this.int(-(2 ** 33), 2 ** 33);
            else
                a[i] = this.float(-1, 1) * 2 ** this.int(-1074, 1023);
        }
        return a;
    }
    /** `n` doubles uniform in [lo, hi), rounded to float32 */
    f32(n, lo = -1, hi = 1) {
        const a = new Float32Array(n);
        for (let i = 0; i < n; i++)
            a[i] = this.float(lo, hi);
        return a;
    }
}
