// parfor's math library: every numeric Math function WebAssembly lacks, computed exactly as V8
// computes it on Node 20 (fdlibm's algorithms and constants, V8's special cases), so a compiled
// kernel returns the same bits as the plain function. See math/README.md.
export { init, SCRATCH_BYTES, sin, cos, tan } from "./trig";
export { exp, expm1, log, log1p, log2, log10, cbrt } from "./explog";
export { asin, acos, atan, atan2, asinh, acosh, atanh, sinh, cosh, tanh, hypot } from "./inverse";
export { pow } from "./pow";
export { exp_f64x2 } from "./lanes";
