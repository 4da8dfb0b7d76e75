import { type ParforRule } from "../rule.js";
export declare const rules: Readonly<Record<string, ParforRule>>;
/** The rules that have a hand-written file (and so must have a doc). */
export declare const writtenRules: readonly string[];
