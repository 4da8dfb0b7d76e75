export function isInt(t) {
    return t !== null && t !== undefined && (t.k === "i32" || t.k === "i64");
}
export const F64 = Object.freeze({ k: "f64" });
export const BOOL = Object.freeze({ k: "bool" });
export const I32_MIN = -2147483648;
export const I32_MAX = 2147483647;
/** Integers up to 2^53 in magnitude are exact doubles. */
export const INT53 = 2 ** 53;
export function i32(lo, hi) {
    return { k: "i32", lo, hi };
}
/** Number of value arguments after (array, index) of each Atomics function. */
export const ATOMIC_ARITY = {
    add: 1, sub: 1, and: 1, or: 1, xor: 1, exchange: 1, compareExchange: 2, load: 0, store: 1,
};
