/** The Math and Number members a kernel may use, with the values of the constants. */
export declare const MATH_CONSTANTS: Readonly<Record<string, number>>;
export declare const NUMBER_CONSTANTS: Readonly<Record<string, number>>;
/** Math functions that wasm computes itself, bit-identically to V8. */
export declare const NATIVE_MATH: Set<string>;
/**
 * Math functions wasm lacks: linked in from parfor's math library (bit-identical to V8's Math),
 * else imported (`random`, and `hypot` of other than two arguments, come from V8's Math).
 */
export declare const IMPORTED_MATH: Set<string>;
export declare const MATH_FUNCTIONS: Set<string>;
/** Arity of a call of a Math function wasm lacks (hypot is variadic: its call's own count). */
export declare function mathArity(name: string, args: number): number;
export declare const NUMBER_FUNCTIONS: Set<string>;
export declare const GLOBAL_FUNCTIONS: Set<string>;
