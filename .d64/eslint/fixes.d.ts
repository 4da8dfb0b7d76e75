import type { Finding } from "./analysis.js";
/** One replacement; offsets into the text the fix was computed for, `end` exclusive. */
export interface Edit {
    readonly start: number;
    readonly end: number;
    readonly text: string;
}
export interface Fix {
    readonly description: string;
    readonly edits: readonly Edit[];
}
/** The findings of one kernel with their fixes filled in. */
export declare function fixesFor(text: string, findings: readonly Finding[]): Finding[];
