import { type TS } from "./typescript.js";
/** A `globals` entry made from a module's declaration. */
export type HelperGlobal = {
    readonly fn: string;
} | number | boolean;
/** A module a kernel or helper is declared in. */
export interface HelperModule {
    /** a name for messages (the file) */
    readonly name: string;
    readonly sf: TS.SourceFile;
    /** the module and exported name an `import` of this module binds `local` to; null when none or unknown */
    importOf?(local: string): {
        readonly module: HelperModule;
        readonly name: string;
    } | null;
}
export interface ResolvedHelpers {
    readonly globals: Record<string, HelperGlobal>;
    /** the modules the helpers come from (the kernel's own when it provides one) */
    readonly modules: readonly HelperModule[];
    /** why some helper could not be bound (name clashes) */
    readonly problems: readonly string[];
}
/** The text `fn.toString()` gives for a function node: without `export` / `default` / `declare`. */
export declare function functionText(ts: typeof TS, sf: TS.SourceFile, f: TS.Node): string;
/** A number or boolean literal (`-` literals included), or undefined. */
export declare function literalValue(ts: typeof TS, e: TS.Expression): number | boolean | undefined;
/** What a top-level declaration of `name` in `sf` binds: a function node, a literal value, or undefined. */
export declare function topLevel(ts: typeof TS, sf: TS.SourceFile, name: string): {
    fn: TS.Node;
} | {
    value: number | boolean;
} | undefined;
/**
 * The module-level helpers `fn` (declared in `module`) needs, except the names in `bound`
 * (the user's own `globals`). Recursion through helpers is followed once per helper.
 */
export declare function moduleHelpers(ts: typeof TS, module: HelperModule, fn: TS.Node, bound?: ReadonlySet<string>): ResolvedHelpers;
/** A module for helper lookups: its top level, and its named imports of relative modules (read from disk). */
export declare function fileModule(file: string, sf: TS.SourceFile): HelperModule;
