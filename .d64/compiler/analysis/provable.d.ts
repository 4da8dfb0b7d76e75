/**
 * "What parfor can prove": the rules of the array dependence analysis (dependence.ts, fm.ts),
 * rendered at the end of docs/diagnostics.md by the diagnostics catalogue. Kept next to the code
 * it describes; plain text only, so the catalogue can import it without pulling in the analysis.
 */
export declare const PROVABLE: readonly string[];
