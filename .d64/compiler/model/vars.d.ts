/**
 * What each `var` of a kernel is, decided on the TypeScript AST before the model is built
 * (build.ts declares accordingly). JavaScript gives a `var` one binding for the whole function,
 * hoisted and undefined until assigned; where no value can flow the way a `let` would not allow,
 * a `let` is built instead, so counters, privatisation and scoping work as for `let`:
 *   - as a let: the only declaration, and every use follows it in its block (`var t = e; … t …`)
 *     or lies inside its `for (var k = …; …)` loop;
 *   - split: used only inside `for (j = e; …)` / `for (var j = e; …)` loops that do not nest and
 *     whose `e` does not read j; each loop's `j = e` kills the value, so no value flows between
 *     the loops or out of them, and each loop gets its own `let j` (a counter). `let j;` followed
 *     by such loops only is split the same way (`splitLet`);
 *   - hoisted: everything else, one function-level binding.
 */
import type { TS } from "../frontend/typescript.js";
export interface VarPlan {
    /** every name declared with var */
    readonly names: readonly string[];
    /** declarations built as `let` */
    readonly asLet: ReadonlySet<TS.VariableDeclaration>;
    /** names given a fresh `let` in each of their loops */
    readonly split: ReadonlySet<string>;
    /** function-level bindings, with their first declaration */
    readonly hoisted: ReadonlyMap<string, TS.VariableDeclaration>;
}
/** Plans the `var`s of a function body (nested functions excluded). */
export declare function planVars(ts: typeof TS, sf: TS.SourceFile, body: TS.Block): VarPlan;
/** `x` of a `for (x = e; …)` loop, else null. */
export declare function counterAssign(ts: typeof TS, f: TS.ForStatement): string | null;
/** Whether `let j;` (no initialiser) is followed in its block by uses of j only as a split counter. */
export declare function splitLet(ts: typeof TS, sf: TS.SourceFile, d: TS.VariableDeclaration): boolean;
