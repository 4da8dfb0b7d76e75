import { type GlobalValue } from "../model/build.js";
export interface AliasHazard {
    /** parameter positions: `written` is written in a prange that also accesses `other` */
    readonly written: number;
    readonly other: number;
    /** no cross-iteration dependence when both are the same view */
    readonly identicalSafe: boolean;
}
/** The hazards of `source`; null when its text cannot be analysed (e.g. a minified bundle). */
export declare function aliasHazards(source: string, globals?: Readonly<Record<string, GlobalValue>>): AliasHazard[] | null;
