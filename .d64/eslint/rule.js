import { analyseFile } from "./analysis.js";
const perFile = new WeakMap();
function findingsOf(context) {
    const sc = context.sourceCode;
    let found = perFile.get(sc);
    if (!found) {
        found = analyseFile(context.filename, sc.text);
        perFile.set(sc, found);
    }
    return found;
}
export function diagnosticRule(spec) {
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
            if (!context.sourceCode.text.includes("prange"))
                return {};
            return {
                Program() {
                    const sc = context.sourceCode;
                    for (const f of findingsOf(context)) {
                        // `// parfor-ignore PF2001 …` (ESLint applies its own eslint-disable directives)
                        if (!spec.codes(f.code) || f.suppressed === "parfor")
                            continue;
                        context.report({
                            loc: { start: sc.getLocFromIndex(f.start), end: sc.getLocFromIndex(f.end) },
                            messageId: "diagnostic",
                            data: { code: f.code, message: f.message },
                            suggest: f.fixes.map((fix) => ({
                                messageId: "fix",
                                data: { description: fix.description },
                                fix: (fixer) => fix.edits.map((e) => fixer.replaceTextRange([e.start, e.end], e.text)),
                            })),
                        });
                    }
                },
            };
        },
    };
}
