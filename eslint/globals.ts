/**
 * The `globals` a file binds to its kernels: `parallel(fn, { globals: { N: 3, DEBUG: false } })`
 * with `fn` written inline or named (a function declaration or `const fn = (…) => …` in the same
 * file). Without them a kernel that uses N would be reported as PF1002 although it compiles.
 * Values that are not literals are bound as numbers (what they must be to compile).
 */
import type * as TS from "typescript";
import { typescript } from "../compiler/index.js";

export type Globals = Readonly<Record<string, number | boolean>>;


/** Globals per kernel, keyed by the offset where the kernel's function ends. */
export function globalsByKernelEnd(fileName: string, text: string): Map<number, Globals> {
  const t = typescript();
  const kind = /\.[cm]?jsx?$/.test(fileName) ? (fileName.endsWith("x") ? t.ScriptKind.JSX : t.ScriptKind.JS) : fileName.endsWith(".tsx") ? t.ScriptKind.TSX : t.ScriptKind.TS;
  const sf = t.createSourceFile(fileName, text, t.ScriptTarget.Latest, true, kind);
  const functions = new Map<string, TS.Node>();
  const calls: { fn: TS.Expression; globals: Globals }[] = [];
  const unwrap = (e: TS.Expression): TS.Expression => (t.isParenthesizedExpression(e) || t.isAsExpression(e) || t.isSatisfiesExpression(e) ? unwrap(e.expression) : e);
  const isFunction = (e: TS.Node): boolean => t.isArrowFunction(e) || t.isFunctionExpression(e);
  const visit = (n: TS.Node): void => {
    if (t.isFunctionDeclaration(n) && n.name) functions.set(n.name.text, n);
    if (t.isVariableDeclaration(n) && t.isIdentifier(n.name) && n.initializer && isFunction(unwrap(n.initializer))) functions.set(n.name.text, unwrap(n.initializer));
    if (t.isCallExpression(n) && n.arguments.length >= 2) {
      const c = unwrap(n.expression);
      const named = (t.isIdentifier(c) && c.text === "parallel") || (t.isPropertyAccessExpression(c) && c.name.text === "parallel");
      const opts = unwrap(n.arguments[1]!);
      if (named && t.isObjectLiteralExpression(opts)) {
        for (const p of opts.properties) {
          if (!t.isPropertyAssignment(p) || p.name.getText(sf) !== "globals") continue;
          const g = unwrap(p.initializer);
          if (!t.isObjectLiteralExpression(g)) continue;
          const globals: Record<string, number | boolean> = {};
          for (const q of g.properties) {
            if (!t.isPropertyAssignment(q) && !t.isShorthandPropertyAssignment(q)) continue;
            const name = q.name.getText(sf).replace(/^["']|["']$/g, "");
            const v = t.isPropertyAssignment(q) ? unwrap(q.initializer) : null;
            globals[name] = v && v.kind === t.SyntaxKind.TrueKeyword ? true : v && v.kind === t.SyntaxKind.FalseKeyword ? false : v && t.isNumericLiteral(v) ? Number(v.text) : 0;
          }
          calls.push({ fn: unwrap(n.arguments[0]!), globals });
        }
      }
    }
    t.forEachChild(n, visit);
  };
  visit(sf);
  const out = new Map<number, Globals>();
  for (const c of calls) {
    const fn = isFunction(c.fn) ? c.fn : t.isIdentifier(c.fn) ? functions.get(c.fn.text) : undefined;
    if (fn) out.set(fn.end, c.globals);
  }
  return out;
}
