/**
 * Finds the kernels in a whole source file: every function whose own body (not a nested
 * function's) contains a `for (... of prange(...))` loop, whether or not it is wrapped in
 * `parallel()`. Needs no type information, so files with unresolved imports work the same.
 */
import { typescript, type TS } from "./typescript.js";

export interface FoundKernel {
  /** the function's text, as `fn.toString()` would give it */
  readonly text: string;
  /** offset of the text in the file */
  readonly start: number;
  /** 1-based line and column where the text starts */
  readonly line: number;
  readonly column: number;
}

/** Parse errors of the file, if it does not parse. */
export interface FindResult {
  readonly kernels: readonly FoundKernel[];
  readonly parseErrors: readonly { readonly message: string; readonly line: number; readonly column: number }[];
}

export function findKernels(fileName: string, text: string): FindResult {
  const ts = typescript();
  const kind = /\.(c|m)?jsx?$/.test(fileName) ? (fileName.endsWith("x") ? ts.ScriptKind.JSX : ts.ScriptKind.JS) : fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const diags = (sf as unknown as { parseDiagnostics: TS.DiagnosticWithLocation[] }).parseDiagnostics;
  if (diags.length) {
    return {
      kernels: [],
      parseErrors: diags.map((d) => {
        const lc = sf.getLineAndCharacterOfPosition(d.start);
        return { message: ts.flattenDiagnosticMessageText(d.messageText, "\n"), line: lc.line + 1, column: lc.character + 1 };
      }),
    };
  }
  const found = new Set<TS.Node>();
  const isPrangeCall = (e: TS.Expression): boolean => {
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (!ts.isCallExpression(e)) return false;
    let c: TS.Expression = e.expression;
    while (ts.isParenthesizedExpression(c)) c = c.expression;
    if (ts.isBinaryExpression(c) && c.operatorToken.kind === ts.SyntaxKind.CommaToken) c = c.right;
    return (ts.isIdentifier(c) && c.text === "prange") || (ts.isPropertyAccessExpression(c) && c.name.text === "prange");
  };
  const visit = (n: TS.Node, fn: TS.Node | null): void => {
    if (ts.isFunctionLike(n) && (ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n))) fn = n;
    if (ts.isForOfStatement(n) && fn && isPrangeCall(n.expression)) found.add(fn);
    ts.forEachChild(n, (c) => visit(c, fn));
  };
  visit(sf, null);
  // a kernel is the innermost function holding the loop; drop functions nested in another kernel
  // functions nest, so sorted by start a nested one begins before its outer one's end
  const sorted = [...found].sort((a, b) => a.getStart(sf) - b.getStart(sf));
  const outermost: TS.Node[] = [];
  for (const f of sorted) {
    const last = outermost[outermost.length - 1];
    if (!last || f.getStart(sf) >= last.end) outermost.push(f);
  }
  const kernels = outermost
    .map((f) => {
      // `export`/`default`/`static` are not part of what fn.toString() returns
      const first = f.getChildren(sf).find((c) => c.kind !== ts.SyntaxKind.SyntaxList || !c.getChildren(sf).every((m) => ts.isModifier(m)));
      const start = (first ?? f).getStart(sf);
      const lc = sf.getLineAndCharacterOfPosition(start);
      return { text: text.slice(start, f.end), start, line: lc.line + 1, column: lc.character + 1 };
    });
  return { kernels, parseErrors: [] };
}
