import type { Precompiled } from "./precompiled.js";
type AnyFn = (...args: any[]) => any;
/** Binds a bundle made by the bundler plugin to its kernel function and returns the function. */
export declare function bindPrecompiled<F extends AnyFn>(fn: F, bundle: unknown): F;
/** The bundled kernels of `fn`, checked on use. */
export declare function bundledFor(fn: AnyFn): Precompiled;
export {};
