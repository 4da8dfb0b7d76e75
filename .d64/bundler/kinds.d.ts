/**
 * The bundler plugin's parameter types: what each kernel parameter may arrive as, read from what
 * the module says (a TypeScript annotation, a JSDoc `@param` on the function or on the variable
 * holding `parallel(...)`, a JSDoc `@type` function type), from the plugin's `signatures` option,
 * or from the arguments of the kernel's calls in the same module (`k(new Float64Array(n), 5)`,
 * `k(array(Float64Array, n), n)`, names initialised that way). Nothing is guessed: an argument the
 * build cannot type adds nothing, and a parameter no source types is reported by the caller.
 */
import type * as TS from "typescript";
import type { ParamType } from "../compiler/interface.js";
export declare const ARRAY_KINDS: Set<string>;
/** The kinds a type allows, or null when it is not one parfor can compile ahead of time. */
export declare function typeKinds(ts: typeof TS, t: TS.TypeNode | undefined): ParamType[] | null;
/** A type written as text (a `signatures` entry: "Float64Array", "number", "Int32Array | Uint32Array"), or null. */
export declare function textKinds(ts: typeof TS, text: string): ParamType[] | null;
/** The declaration whose initialiser is `call` (through parentheses): `const k = parallel(...)`. */
export declare function holder(ts: typeof TS, call: TS.Node): TS.VariableDeclaration | null;
/** `@returns {T}` of the function or the variable holding the call, or null. */
export declare function jsdocReturns(ts: typeof TS, fn: TS.SignatureDeclaration, call: TS.Node): TS.TypeNode | null;
/** The parameter's JSDoc type: on the function, on its variable, or on the variable holding the `parallel()` call. */
export declare function jsdocType(ts: typeof TS, fn: TS.SignatureDeclaration, call: TS.Node, p: TS.ParameterDeclaration): TS.TypeNode | null;
/** What the module knows of names: what `array` and parfor's namespace are called. */
export interface ModuleFacts {
    /** local names of parfor's `array` (named imports) */
    readonly arrayNames: ReadonlySet<string>;
    /** local names of parfor's namespace or default import (`parfor.array`) */
    readonly namespaces: ReadonlySet<string>;
}
export declare function moduleFacts(ts: typeof TS, sf: TS.SourceFile, namespaces: ReadonlySet<string>): ModuleFacts;
/** The kinds an argument expression has, as far as the module shows, or null. */
export declare function argumentKinds(ts: typeof TS, facts: ModuleFacts, e: TS.Expression, depth?: number): ParamType[] | null;
/** The union of two kind lists (null: none yet). */
export declare function union(a: readonly ParamType[] | null, b: readonly ParamType[]): ParamType[];
