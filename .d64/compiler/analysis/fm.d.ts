/**
 * Fourier–Motzkin elimination over the rationals, for the few variables of one dependence
 * question (two copies of a loop nest's indices plus the loop-invariant symbols). It answers one
 * thing: whether a conjunction of linear equalities and (strict or non-strict) inequalities has
 * no rational solution, which implies it has no integer solution. "Don't know" (too many
 * constraints) is answered as feasible, so a caller that reports every pair not proven
 * infeasible stays conservative.
 *
 * Equalities are eliminated first by substitution, with a GCD test on each one whose variables
 * are all integral; the inequalities are then projected one variable at a time.
 */
/** sum c[x] * x + k  > 0 (strict) or >= 0 */
export interface Ineq {
    readonly c: ReadonlyMap<string, number>;
    readonly k: number;
    readonly strict: boolean;
}
/** sum c[x] * x + k = 0 */
export interface Eq {
    readonly c: ReadonlyMap<string, number>;
    readonly k: number;
}
/** Forgets the answers kept so far (a new kernel's analysis starts). */
export declare function clearSystemCache(): void;
/**
 * Whether the system has no rational solution. `integral(x)` says which variables only take
 * integer values (for the GCD test on equalities).
 */
export declare function infeasible(eqs0: readonly Eq[], ineqs0: readonly Ineq[], integral: (x: string) => boolean): boolean;
