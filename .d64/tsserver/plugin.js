import { analyseFile, diagnosticTable } from "../eslint/analysis.js";
/** parfor's codes as TypeScript diagnostic numbers (PF2001 -> 1002001), clear of TypeScript's own. */
export const CODE_BASE = 1_000_000;
export const tsCode = (code) => CODE_BASE + Number(code.slice(2));
const table = diagnosticTable();
const codesWithFixes = table.filter((d) => d.code === "PF2001" || d.code === "PF2002").map((d) => String(tsCode(d.code)));
function categoryOf(ts, f, config) {
    if (f.category === "error")
        return ts.DiagnosticCategory.Error;
    // `// parfor-ignore PF2001 …` or `// eslint-disable-next-line parfor/scalar-race` on the line before
    if (f.suppressed !== null)
        return null;
    const level = config.diagnostics?.[f.name] ?? "warning";
    switch (level) {
        case "off":
            return null;
        case "error":
            return ts.DiagnosticCategory.Error;
        case "suggestion":
            return ts.DiagnosticCategory.Suggestion;
        default:
            return ts.DiagnosticCategory.Warning;
    }
}
const analysable = (fileName) => /\.(?:[cm]?[jt]sx?)$/.test(fileName) && !/\.d\.[cm]?ts$/.test(fileName);
/** The language service with parfor's diagnostics and quick fixes added. */
export function decorate(ts, info, state) {
    const ls = info.languageService;
    const proxy = Object.create(null);
    for (const k of Object.keys(ls)) {
        const f = ls[k];
        proxy[k] = typeof f === "function" ? (...args) => f.apply(ls, args) : f;
    }
    const findings = (fileName) => {
        if (!analysable(fileName))
            return null;
        const sf = ls.getProgram()?.getSourceFile(fileName);
        if (!sf)
            return null;
        try {
            return { sf, findings: analyseFile(fileName, sf.text) };
        }
        catch (e) {
            // an internal error of the analysis must never take the editor's diagnostics down
            info.project.projectService.logger.info(`parfor/tsserver: ${e.stack ?? String(e)}`);
            return null;
        }
    };
    proxy.getSemanticDiagnostics = (fileName) => {
        const prior = ls.getSemanticDiagnostics(fileName);
        const r = findings(fileName);
        if (!r || r.findings.length === 0)
            return prior;
        const ours = [];
        for (const f of r.findings) {
            const category = categoryOf(ts, f, state.config);
            if (category === null)
                continue;
            ours.push({
                file: r.sf,
                start: f.start,
                length: f.end - f.start,
                messageText: `${f.code}: ${f.message}`,
                category,
                code: tsCode(f.code),
                source: "parfor",
                relatedInformation: f.related.map((x) => ({
                    file: r.sf,
                    start: x.start,
                    length: x.end - x.start,
                    messageText: x.message,
                    category: ts.DiagnosticCategory.Message,
                    code: tsCode(f.code),
                })),
            });
        }
        return [...prior, ...ours];
    };
    proxy.getCodeFixesAtPosition = (fileName, start, end, errorCodes, formatOptions, preferences) => {
        const prior = ls.getCodeFixesAtPosition(fileName, start, end, errorCodes, formatOptions, preferences);
        const r = findings(fileName);
        if (!r)
            return prior;
        const ours = [];
        for (const f of r.findings) {
            if (!errorCodes.includes(tsCode(f.code)) || f.end < start || f.start > end)
                continue;
            if (categoryOf(ts, f, state.config) === null)
                continue;
            for (const fix of f.fixes) {
                ours.push({
                    fixName: `parfor-${f.name}`,
                    description: fix.description,
                    changes: [{ fileName, textChanges: fix.edits.map((e) => ({ span: { start: e.start, length: e.end - e.start }, newText: e.text })) }],
                });
            }
        }
        return [...prior, ...ours];
    };
    proxy.getSupportedCodeFixes = (fileName) => [...ls.getSupportedCodeFixes(fileName), ...codesWithFixes];
    return proxy;
}
