/**
 * Builds an ESLint rule over the shared analysis. Every rule reports the findings of some
 * diagnostic codes at their exact span, with the code in the message, and offers the finding's
 * mechanical fixes as suggestions. The file is analysed once per lint whatever the number of
 * parfor rules enabled (the rules share one result per SourceCode).
 */
import type { Rule, SourceCode } from "eslint";
import { analyseFile, type Code, type Finding } from "./analysis.js";

const perFile = new WeakMap<SourceCode, readonly Finding[]>();

function findingsOf(context: Rule.RuleContext): readonly Finding[] {
  const sc = context.sourceCode;
  let found = perFile.get(sc);
  if (!found) {
    found = analyseFile(context.filename, sc.text);
    perFile.set(sc, found);
  }
  return found;
}

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

export function diagnosticRule(spec: DiagnosticRuleSpec): ParforRule {
  return {
    spec,
    meta: {
      type: "problem",
      docs: { description: spec.description, recommended: true },
      hasSuggestions: true,
      schema: [],
      messages: {
        diagnostic: "{{code}}: {{message}}",
        fix: "{{description}}",
      },
    },
    create(context) {
      // files without a prange loop cost one substring search
      if (!context.sourceCode.text.includes("prange")) return {};
      return {
        Program() {
          const sc = context.sourceCode;
          for (const f of findingsOf(context)) {
            // `// parfor-ignore PF2001 …` (ESLint applies its own eslint-disable directives)
            if (!spec.codes(f.code) || f.suppressed === "parfor") continue;
            context.report({
              loc: { start: sc.getLocFromIndex(f.start), end: sc.getLocFromIndex(f.end) },
              messageId: "diagnostic",
              data: { code: f.code, message: f.message },
              suggest: f.fixes.map((fix) => ({
                messageId: "fix",
                data: { description: fix.description },
                fix: (fixer: Rule.RuleFixer) => fix.edits.map((e) => fixer.replaceTextRange([e.start, e.end], e.text)),
              })),
            });
          }
        },
      };
    },
  };
}
