import { type Host, type JitCompiler } from "../host.js";
export declare const webHost: {
    -readonly [K in keyof Host]: Host[K];
};
/**
 * Installs the JIT compiler (the opt-in entry parfor/jit does, once it has TypeScript and the
 * math library): kernels the bundler plugin did not precompile are compiled on first call, on the
 * calling thread (a page has no compile worker).
 */
export declare function installJit(jit: JitCompiler): void;
