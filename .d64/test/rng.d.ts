/**
 * The seeded input generator shared by the differential harness, the real-code corpus and its
 * benchmark (no vitest here, so bench/ can import it).
 */
/** Values that tend to expose conversion and sign bugs. */
export declare const SPECIALS: readonly number[];
/** Small seeded PRNG (mulberry32) with helpers for kernel inputs. No Math.random anywhere. */
export declare class Rng {
    private s;
    constructor(seed: number);
    /** uniform uint32 */
    u32(): number;
    /** uniform in [0, 1) with 53 random bits */
    unit(): number;
    /** uniform double in [lo, hi) */
    float(lo: number, hi: number): number;
    /** uniform integer in [lo, hi] (inclusive), |lo|,|hi| < 2^53 */
    int(lo: number, hi: number): number;
    bool(): boolean;
    pick<T>(xs: readonly T[]): T;
    /** a Float64Array of n uniform doubles in [lo, hi) */
    f64(n: number, lo?: number, hi?: number): Float64Array;
    /** an Int32Array of n uniform integers in [lo, hi] */
    i32(n: number, lo?: number, hi?: number): Int32Array;
    /** a Float64Array of n integer-valued doubles in [lo, hi] */
    ints(n: number, lo?: number, hi?: number): Float64Array;
    /** a Float64Array whose elements are drawn from `values` (each at least once when n allows) */
    from(n: number, values: readonly number[]): Float64Array;
    /** a Float64Array mixing special values and random doubles of varied magnitude */
    mixed(n: number): Float64Array;
    /** `n` doubles uniform in [lo, hi), rounded to float32 */
    f32(n: number, lo?: number, hi?: number): Float32Array;
}
