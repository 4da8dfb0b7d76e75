import type * as TS from "typescript";
/**
 * The TypeScript compiler API. `require` through createRequire takes 130-170 ms here against
 * 340-430 ms for an ESM import.
 */
export declare function loadTypescript(): typeof TS;
/** The bytes of parfor's math library (dist/math/parfor-math.wasm), or null (PARFOR_MATH_LINK=0, or not built). */
export declare function mathLibraryBytes(): Uint8Array | null;
/** The file a relative import names (as written, with a TypeScript extension for `.js`, or with an extension or /index added) and its text, or null. */
export declare function relativeModule(from: string, spec: string): {
    readonly file: string;
    readonly text: string;
} | null;
