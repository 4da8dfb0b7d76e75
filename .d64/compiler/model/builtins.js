/** The Math and Number members a kernel may use, with the values of the constants. */
export const MATH_CONSTANTS = {
    E: Math.E,
    LN2: Math.LN2,
    LN10: Math.LN10,
    LOG2E: Math.LOG2E,
    LOG10E: Math.LOG10E,
    PI: Math.PI,
    SQRT1_2: Math.SQRT1_2,
    SQRT2: Math.SQRT2,
};
export const NUMBER_CONSTANTS = {
    EPSILON: Number.EPSILON,
    MAX_SAFE_INTEGER: Number.MAX_SAFE_INTEGER,
    MIN_SAFE_INTEGER: Number.MIN_SAFE_INTEGER,
    MAX_VALUE: Number.MAX_VALUE,
    MIN_VALUE: Number.MIN_VALUE,
    POSITIVE_INFINITY: Number.POSITIVE_INFINITY,
    NEGATIVE_INFINITY: Number.NEGATIVE_INFINITY,
    NaN: Number.NaN,
};
/** Math functions that wasm computes itself, bit-identically to V8. */
export const NATIVE_MATH = new Set(["abs", "ceil", "floor", "trunc", "sqrt", "min", "max", "fround", "imul", "clz32", "sign", "round"]);
/**
 * Math functions wasm lacks: linked in from parfor's math library (bit-identical to V8's Math),
 * else imported (`random`, and `hypot` of other than two arguments, come from V8's Math).
 */
export const IMPORTED_MATH = new Set([
    "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "cos", "cosh", "exp", "expm1", "hypot",
    "log", "log10", "log1p", "log2", "pow", "sin", "sinh", "tan", "tanh", "random",
]);
export const MATH_FUNCTIONS = new Set([...NATIVE_MATH, ...IMPORTED_MATH]);
/** Arity of a call of a Math function wasm lacks (hypot is variadic: its call's own count). */
export function mathArity(name, args) {
    return name === "hypot" ? args : name === "atan2" || name === "pow" ? 2 : name === "random" ? 0 : 1;
}
export const NUMBER_FUNCTIONS = new Set(["isNaN", "isFinite", "isInteger", "isSafeInteger"]);
export const GLOBAL_FUNCTIONS = new Set(["isNaN", "isFinite"]);
