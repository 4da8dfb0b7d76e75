export { vectorize, type Vectorized, type VectorizeOptions } from "./runtime/vectorize.js";
/** True once this module is imported: the compiler is installed. */
export declare const jitLoaded = true;
