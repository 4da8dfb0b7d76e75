/**
 * Builds an ESLint rule over the shared analysis. Every rule reports the findings of some
 * diagnostic codes at their exact span, with the code in the message, and offers the finding's
 * mechanical fixes as suggestions. The file is analysed once per lint whatever the number of
 * parfor rules enabled (the rules share one result per SourceCode).
 */
import type { Rule } from "eslint";
import { type Code } from "./analysis.js";
export interface DiagnosticRuleSpec {
    /** the rule's name (without the `parfor/` prefix) */
    readonly name: string;
    readonly description: string;
    /** the codes this rule reports */
    readonly codes: (code: Code) => boolean;
    /** the severity in `configs.recommended` */
    readonly recommended: "error" | "warn";
}
export interface ParforRule extends Rule.RuleModule {
    readonly spec: DiagnosticRuleSpec;
}
export declare function diagnosticRule(spec: DiagnosticRuleSpec): ParforRule;
