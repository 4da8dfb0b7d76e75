/**
 * `parfor check`: the same analysis `parallel()` runs, over files, without running anything.
 * Each diagnostic comes with its absolute file position; parse failures are reported per file
 * and the other files are still checked.
 */
import { readFileSync } from "node:fs";
import type * as TS from "typescript";
import { check, findKernels, typescript } from "../compiler/index.js";

/** One finding in a file, positions 1-based. */
export interface FileDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly code: string;
  readonly name: string;
  readonly severity: "error" | "warning";
  readonly message: string;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function position(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/**
 * Values the file binds with `parallel(fn, { globals: { NAME: literal } })`: the kernels see them
 * as `parallel()` would. Only number and boolean literals (a unary minus included) count.
 */
function fileGlobals(file: string, text: string): Record<string, number | boolean> | undefined {
  if (!text.includes("globals")) return undefined;
  const ts = typescript();
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const out: Record<string, number | boolean> = {};
  const visit = (n: TS.Node): void => {
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === "globals" && ts.isObjectLiteralExpression(n.initializer)) {
      for (const p of n.initializer.properties) {
        if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) continue;
        const v = p.initializer;
        if (ts.isNumericLiteral(v)) out[p.name.text] = Number(v.text);
        else if (ts.isPrefixUnaryExpression(v) && v.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(v.operand)) out[p.name.text] = -Number(v.operand.text);
        else if (v.kind === ts.SyntaxKind.TrueKeyword || v.kind === ts.SyntaxKind.FalseKeyword) out[p.name.text] = v.kind === ts.SyntaxKind.TrueKeyword;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return Object.keys(out).length ? out : undefined;
}

/** Checks one file's kernels. */
export function checkFile(file: string, text = readFileSync(file, "utf8")): FileDiagnostic[] {
  const found = findKernels(file, text);
  if (found.parseErrors.length) {
    const e = found.parseErrors[0]!;
    return [{ file, line: e.line, column: e.column, endLine: e.line, endColumn: e.column, code: "PF1009", name: "not-a-function", severity: "error", message: `The file does not parse: ${e.message}` }];
  }
  const starts = lineStarts(text);
  const out: FileDiagnostic[] = [];
  const globals = fileGlobals(file, text);
  for (const k of found.kernels) {
    const r = check(k.text, { globals });
    for (const d of r.diagnostics) {
      const from = k.start + d.start - r.sourceOffset;
      const a = position(starts, Math.max(k.start, from));
      const b = position(starts, Math.max(k.start, from + d.length));
      out.push({ file, line: a.line, column: a.column, endLine: b.line, endColumn: b.column, code: d.code, name: d.name, severity: d.category, message: d.message });
    }
  }
  return out.sort((x, y) => x.line - y.line || x.column - y.column);
}
