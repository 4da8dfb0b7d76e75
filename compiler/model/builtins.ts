/** The Math and Number members a kernel may use, with the values of the constants. */

export const MATH_CONSTANTS: Readonly<Record<string, number>> = {
  E: Math.E,
  LN2: Math.LN2,
  LN10: Math.LN10,
  LOG2E: Math.LOG2E,
  LOG10E: Math.LOG10E,
  PI: Math.PI,
  SQRT1_2: Math.SQRT1_2,
  SQRT2: Math.SQRT2,
};

export const NUMBER_CONSTANTS: Readonly<Record<string, number>> = {
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

/** Math functions called through an import of V8's own Math (bit-identical by construction). */
export const IMPORTED_MATH = new Set([
  "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "cos", "cosh", "exp", "expm1", "hypot",
  "log", "log10", "log1p", "log2", "pow", "sin", "sinh", "tan", "tanh", "random",
]);

export const MATH_FUNCTIONS = new Set([...NATIVE_MATH, ...IMPORTED_MATH]);

/** Arity of imported functions (hypot is variadic and imported per arity). */
export function importedArity(name: string): number {
  return name === "atan2" || name === "pow" ? 2 : name === "random" ? 0 : 1;
}

export const NUMBER_FUNCTIONS = new Set(["isNaN", "isFinite", "isInteger", "isSafeInteger"]);
export const GLOBAL_FUNCTIONS = new Set(["isNaN", "isFinite"]);
