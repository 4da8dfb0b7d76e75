/**
 * The language-service decoration behind `parfor/tsserver`: parfor's diagnostics appended to
 * the file's semantic diagnostics, and their mechanical fixes as quick fixes. The analysis is
 * the shared one (`eslint/analysis.ts`: `findKernels` + `check`, cached per kernel text), so a
 * keystroke re-analyses only the kernel it changed.
 */
import type * as TS from "typescript";
import { analyseFile, diagnosticTable, type Code, type Finding } from "../eslint/analysis.js";

/** What a user may set per warning name; errors always show as errors. */
export type Level = "off" | "suggestion" | "warning" | "error";

export interface PluginConfig {
  readonly name?: string;
  /** per diagnostic name (`"scalar-race": "off"`) */
  readonly diagnostics?: Readonly<Record<string, Level>>;
}

/** The part of the TypeScript module the decoration uses (tsserver hands its own). */
export type TsModule = Pick<typeof TS, "DiagnosticCategory">;

/** Mutable holder so `onConfigurationChanged` reaches every decorated service. */
export interface PluginState {
  config: PluginConfig;
}

/** parfor's codes as TypeScript diagnostic numbers (PF2001 -> 1002001), clear of TypeScript's own. */
export const CODE_BASE = 1_000_000;
export const tsCode = (code: Code): number => CODE_BASE + Number(code.slice(2));

const table = diagnosticTable();
const codesWithFixes = table.filter((d) => d.code === "PF2001" || d.code === "PF2002").map((d) => String(tsCode(d.code)));

function categoryOf(ts: TsModule, f: Finding, config: PluginConfig): TS.DiagnosticCategory | null {
  if (f.category === "error") return ts.DiagnosticCategory.Error;
  // `// parfor-ignore PF2001 …` or `// eslint-disable-next-line parfor/scalar-race` on the line before
  if (f.suppressed !== null) return null;
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

const analysable = (fileName: string): boolean => /\.(?:[cm]?[jt]sx?)$/.test(fileName) && !/\.d\.[cm]?ts$/.test(fileName);

/** The language service with parfor's diagnostics and quick fixes added. */
export function decorate(ts: TsModule, info: TS.server.PluginCreateInfo, state: PluginState): TS.LanguageService {
  const ls = info.languageService;
  const proxy = Object.create(null) as TS.LanguageService;
  for (const k of Object.keys(ls) as (keyof TS.LanguageService)[]) {
    const f = ls[k] as unknown;
    (proxy as unknown as Record<string, unknown>)[k] = typeof f === "function" ? (...args: unknown[]) => (f as (...a: unknown[]) => unknown).apply(ls, args) : f;
  }

  const findings = (fileName: string): { sf: TS.SourceFile; findings: readonly Finding[] } | null => {
    if (!analysable(fileName)) return null;
    const sf = ls.getProgram()?.getSourceFile(fileName);
    if (!sf) return null;
    try {
      return { sf, findings: analyseFile(fileName, sf.text) };
    } catch (e) {
      // an internal error of the analysis must never take the editor's diagnostics down
      info.project.projectService.logger.info(`parfor/tsserver: ${(e as Error).stack ?? String(e)}`);
      return null;
    }
  };

  proxy.getSemanticDiagnostics = (fileName) => {
    const prior = ls.getSemanticDiagnostics(fileName);
    const r = findings(fileName);
    if (!r || r.findings.length === 0) return prior;
    const ours: TS.Diagnostic[] = [];
    for (const f of r.findings) {
      const category = categoryOf(ts, f, state.config);
      if (category === null) continue;
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
    if (!r) return prior;
    const ours: TS.CodeFixAction[] = [];
    for (const f of r.findings) {
      if (!errorCodes.includes(tsCode(f.code)) || f.end < start || f.start > end) continue;
      if (categoryOf(ts, f, state.config) === null) continue;
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

  proxy.getSupportedCodeFixes = (fileName?: string) => [...ls.getSupportedCodeFixes(fileName), ...codesWithFixes];

  return proxy;
}
