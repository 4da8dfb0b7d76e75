/**
 * What the two race examples share: a racy kernel that parfor warns about, the fixed kernel,
 * and `runRace`, which runs both and explains the difference.
 */
import type { Diagnostic } from "../index.js";
import { type Check } from "./example.js";
/** A racy kernel, its fix, and why it is wrong. */
export interface RaceExample {
    readonly name: string;
    readonly title: string;
    /** the racy kernel and a way to run it on a given size, returning its (unreliable) result */
    readonly racy: {
        readonly diagnostics: readonly Diagnostic[];
    };
    readonly runRacy: (n: number) => number;
    /** the fixed kernel, run the same way */
    readonly runFixed: (n: number) => number;
    /** the value a correct kernel gives */
    readonly expected: (n: number) => number;
    readonly why: string;
    readonly fix: string;
}
/** What `runRace` found. */
export interface RaceReport {
    readonly racyResult: number;
    readonly fixedResult: number;
    readonly diagnostics: readonly Diagnostic[];
    /** warnings the process emitted that mention this kernel's problem */
    readonly warnings: readonly Error[];
    /** passes when parfor reported the race and the fixed kernel is right */
    readonly check: Check;
}
/** Runs the racy and the fixed kernel on n, prints the diagnostics and the explanation. */
export declare function runRace(ex: RaceExample, n: number, log?: (line: string) => void): Promise<RaceReport>;
