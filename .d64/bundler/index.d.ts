import type { ParamType } from "../compiler/interface.js";
export interface ParforPluginOptions {
    /** most specialisations per kernel (default 81, see `parfor build`) */
    readonly maxVariants?: number;
    /** module id filter (default: .ts/.tsx/.js/.jsx/.mts/.mjs/.cts/.cjs outside node_modules) */
    readonly include?: RegExp;
    /**
     * Parameter types for kernels whose source does not say them (plain JavaScript without JSDoc):
     * kernel name (its function's name or the variable holding `parallel(...)`; `"file#name"` with
     * the end of a module path to pick one module) to parameter name to a type as an annotation
     * writes it: `{ wave: { a: "Float64Array", n: "number" } }`, `"Float64Array | Float32Array"`.
     * An annotation or JSDoc in the source wins.
     */
    readonly signatures?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}
/** Where the build read a parameter's kinds from. */
export type KindSource = "annotation" | "jsdoc" | "signatures" | "calls";
export interface TransformResult {
    readonly code: string;
    readonly kernels: number;
    readonly warnings: readonly string[];
    readonly errors: readonly string[];
    /** the `signatures` keys this module used */
    readonly signaturesUsed: readonly string[];
    /** each compiled kernel's parameter kinds, and where the build read them */
    readonly types: readonly {
        readonly name: string;
        readonly params: Readonly<Record<string, {
            readonly from: KindSource;
            readonly kinds: readonly ParamType[];
        }>>;
    }[];
}
/** Compiles the kernels of one module and rewrites their `parallel()` calls. */
export declare function transformKernels(code: string, id: string, options?: ParforPluginOptions): TransformResult | null;
/** A Vite, Rollup or Rolldown plugin (assignable to `Plugin` of vite, rollup and rolldown). */
export interface RollupLikePlugin {
    readonly name: string;
    readonly [hook: string]: unknown;
}
/** An esbuild plugin (assignable to esbuild's `Plugin`). */
export interface EsbuildPlugin {
    readonly name: string;
    setup(build: any): void | Promise<void>;
}
/** A webpack plugin (assignable to webpack's `WebpackPluginInstance`). */
export interface WebpackPlugin {
    apply(compiler: any): void;
}
export declare const vite: (options?: ParforPluginOptions) => RollupLikePlugin;
export declare const rollup: (options?: ParforPluginOptions) => RollupLikePlugin;
export declare const rolldown: (options?: ParforPluginOptions) => RollupLikePlugin;
export declare const esbuild: (options?: ParforPluginOptions) => EsbuildPlugin;
export declare const webpack: (options?: ParforPluginOptions) => WebpackPlugin;
/** unplugin's instance (raw, for other bundlers unplugin supports); its type is unplugin's. */
export declare const unpluginParfor: {
    readonly raw: unknown;
};
declare const parforBundler: {
    vite: (options?: ParforPluginOptions) => RollupLikePlugin;
    rollup: (options?: ParforPluginOptions) => RollupLikePlugin;
    rolldown: (options?: ParforPluginOptions) => RollupLikePlugin;
    esbuild: (options?: ParforPluginOptions) => EsbuildPlugin;
    webpack: (options?: ParforPluginOptions) => WebpackPlugin;
};
export default parforBundler;
