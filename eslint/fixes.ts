/**
 * Mechanical fixes for race warnings, as text edits on one kernel's text. Shared by the ESLint
 * suggestions and the editor's quick fixes. A fix is offered only when it is a pure rewrite of
 * what the diagnostic's own "Fix:" advice says, and only in the simple shapes where that rewrite
 * cannot change anything else:
 *
 * - PF2001 `scalar-race`: the variable is declared (`let x = e;` / `let x;`) next to the loop and
 *   used nowhere but inside the loop body: move the declaration into the body.
 * - PF2002 `shared-element-race`: `a[k] += e` / `a[k] -= e` / `a[k] *= e` at a constant index,
 *   the only use of `a` in the loop: accumulate in a new scalar and apply it once after the loop.
 */
import type * as TS from "typescript";
import { typescript } from "../compiler/frontend/typescript.js";
import type { Finding } from "./analysis.js";

/** One replacement; offsets into the text the fix was computed for, `end` exclusive. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Fix {
  readonly description: string;
  readonly edits: readonly Edit[];
}


interface Parsed {
  readonly sf: TS.SourceFile;
  readonly fn: TS.FunctionLikeDeclaration;
  /** where the kernel text starts in sf.text */
  readonly base: number;
}

function parse(text: string): Parsed | null {
  const t = typescript();
  for (const [pre, post] of [["(", "\n)"], ["({", "\n})"]] as const) {
    const sf = t.createSourceFile("kernel.ts", pre + text + post, t.ScriptTarget.Latest, true, t.ScriptKind.TS);
    const stmt = sf.statements[0];
    if (!stmt || !t.isExpressionStatement(stmt)) continue;
    let e: TS.Expression = stmt.expression;
    while (t.isParenthesizedExpression(e)) e = e.expression;
    if (t.isArrowFunction(e) || t.isFunctionExpression(e)) return { sf, fn: e, base: pre.length };
    if (t.isObjectLiteralExpression(e) && e.properties.length === 1 && t.isMethodDeclaration(e.properties[0]!)) return { sf, fn: e.properties[0], base: pre.length };
  }
  return null;
}

/** The innermost node whose span is exactly [start, end), or the smallest one covering it. */
function nodeAt(p: Parsed, start: number, end: number): TS.Node | null {
  const t = typescript();
  let best: TS.Node | null = null;
  const visit = (n: TS.Node): void => {
    if (n.getStart(p.sf) <= start && end <= n.end) {
      best = n;
      t.forEachChild(n, visit);
    }
  };
  visit(p.fn);
  return best;
}

function isPrangeLoop(n: TS.Node): n is TS.ForOfStatement {
  const t = typescript();
  if (!t.isForOfStatement(n)) return false;
  let e = n.expression;
  while (t.isParenthesizedExpression(e)) e = e.expression;
  if (!t.isCallExpression(e)) return false;
  const c = e.expression;
  return (t.isIdentifier(c) && c.text === "prange") || (t.isPropertyAccessExpression(c) && c.name.text === "prange");
}

function enclosingPrange(n: TS.Node): TS.ForOfStatement | null {
  for (let p: TS.Node | undefined = n.parent; p; p = p.parent) if (isPrangeLoop(p)) return p;
  return null;
}

/** Identifiers named `name` that are variable references (not property names). */
function references(root: TS.Node, name: string): TS.Identifier[] {
  const t = typescript();
  const out: TS.Identifier[] = [];
  const visit = (n: TS.Node): void => {
    if (t.isIdentifier(n) && n.text === name) {
      const parent = n.parent;
      const isPropertyName =
        (t.isPropertyAccessExpression(parent) && parent.name === n) ||
        (t.isPropertyAssignment(parent) && parent.name === n) ||
        (t.isMethodDeclaration(parent) && parent.name === n);
      if (!isPropertyName) out.push(n);
    }
    t.forEachChild(n, visit);
  };
  visit(root);
  return out;
}

const within = (n: TS.Node, outer: TS.Node): boolean => n.pos >= outer.pos && n.end <= outer.end;

/** The whitespace that starts the line `pos` is on. */
function indentAt(text: string, pos: number): string {
  const lineStart = text.lastIndexOf("\n", pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** The range to delete to remove a whole statement: its own line(s) when it stands alone. */
function statementRange(text: string, n: TS.Node, sf: TS.SourceFile): { start: number; end: number } {
  const start = n.getStart(sf);
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const lineEnd = text.indexOf("\n", n.end);
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && lineEnd >= 0 && /^[ \t]*$/.test(text.slice(n.end, lineEnd))) return { start: lineStart, end: lineEnd + 1 };
  return { start, end: n.end };
}

function moveDeclarationIntoLoop(p: Parsed, f: Finding): Fix | null {
  const t = typescript();
  const text = p.sf.text;
  const node = nodeAt(p, f.start + p.base, f.end + p.base);
  if (!node) return null;
  let target: TS.Expression | null = null;
  if (t.isBinaryExpression(node) && node.operatorToken.kind >= t.SyntaxKind.FirstAssignment && node.operatorToken.kind <= t.SyntaxKind.LastAssignment) target = node.left;
  else if (t.isPrefixUnaryExpression(node) || t.isPostfixUnaryExpression(node)) target = node.operand;
  if (!target || !t.isIdentifier(target)) return null;
  const name = target.text;
  const loop = enclosingPrange(node);
  if (!loop || !t.isBlock(loop.statement) || !t.isBlock(loop.parent)) return null;
  // the declaration: `let name [= init];`, a statement of the block that holds the loop, before it
  const decl = loop.parent.statements.find(
    (s): s is TS.VariableStatement =>
      t.isVariableStatement(s) && s.end <= loop.getStart(p.sf) && s.declarationList.declarations.some((d) => t.isIdentifier(d.name) && d.name.text === name),
  );
  if (!decl || decl.declarationList.declarations.length !== 1 || !(decl.declarationList.flags & t.NodeFlags.Let)) return null;
  const declarator = decl.declarationList.declarations[0]!;
  // every other use of the name is inside the loop body
  const body = loop.statement;
  for (const r of references(p.fn, name)) if (r !== declarator.name && !within(r, body)) return null;
  if (declarator.initializer && references(declarator.initializer, name).length) return null;
  const first = body.statements[0];
  const declText = text.slice(decl.getStart(p.sf), decl.end).trim();
  const del = statementRange(text, decl, p.sf);
  const insert = first
    ? { start: first.getStart(p.sf), end: first.getStart(p.sf), text: `${declText}\n${indentAt(text, first.getStart(p.sf))}` }
    : { start: body.getStart(p.sf) + 1, end: body.getStart(p.sf) + 1, text: ` ${declText} ` };
  return {
    description: `Declare '${name}' inside the loop body (each iteration gets its own '${name}')`,
    edits: [{ start: del.start - p.base, end: del.end - p.base, text: "" }, { start: insert.start - p.base, end: insert.end - p.base, text: insert.text }],
  };
}

function accumulateInScalar(p: Parsed, f: Finding): Fix | null {
  const t = typescript();
  const text = p.sf.text;
  const node = nodeAt(p, f.start + p.base, f.end + p.base);
  if (!node || !t.isBinaryExpression(node) || !t.isExpressionStatement(node.parent)) return null;
  const op = node.operatorToken.kind;
  const init = op === t.SyntaxKind.PlusEqualsToken || op === t.SyntaxKind.MinusEqualsToken ? "0" : op === t.SyntaxKind.AsteriskEqualsToken ? "1" : null;
  if (init === null) return null;
  const lhs = node.left;
  if (!t.isElementAccessExpression(lhs) || !t.isIdentifier(lhs.expression) || !t.isNumericLiteral(lhs.argumentExpression)) return null;
  const array = lhs.expression.text;
  const index = lhs.argumentExpression.text;
  const loop = enclosingPrange(node);
  if (!loop || !t.isBlock(loop.parent)) return null;
  // the statement is the loop's only use of the array
  if (references(loop, array).length !== 1) return null;
  let scalar = `${array}${index.replace(/\W/g, "_")}`;
  while (new RegExp(`\\b${scalar}\\b`).test(text)) scalar += "_";
  const loopStart = loop.getStart(p.sf);
  const indent = indentAt(text, loopStart);
  const apply = op === t.SyntaxKind.AsteriskEqualsToken ? "*=" : "+=";
  return {
    description: `Accumulate in a scalar '${scalar}' (a reduction) and add it to '${array}[${index}]' after the loop`,
    edits: [
      { start: loopStart - p.base, end: loopStart - p.base, text: `let ${scalar} = ${init};\n${indent}` },
      { start: lhs.getStart(p.sf) - p.base, end: lhs.end - p.base, text: scalar },
      { start: loop.end - p.base, end: loop.end - p.base, text: `\n${indent}${array}[${index}] ${apply} ${scalar};` },
    ],
  };
}

/** The findings of one kernel with their fixes filled in. */
export function fixesFor(text: string, findings: readonly Finding[]): Finding[] {
  let parsed: Parsed | null | undefined;
  return findings.map((f) => {
    const make = f.code === "PF2001" ? moveDeclarationIntoLoop : f.code === "PF2002" ? accumulateInScalar : null;
    if (!make) return f;
    parsed ??= parse(text);
    const fix = parsed && make(parsed, f);
    return fix ? { ...f, fixes: [fix] } : f;
  });
}
