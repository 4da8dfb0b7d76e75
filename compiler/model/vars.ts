/**
 * What each `var` of a kernel is, decided on the TypeScript AST before the model is built
 * (build.ts declares accordingly). JavaScript gives a `var` one binding for the whole function,
 * hoisted and undefined until assigned; where no value can flow the way a `let` would not allow,
 * a `let` is built instead, so counters, privatisation and scoping work as for `let`:
 *   - as a let: the only declaration, and every use follows it in its block (`var t = e; … t …`)
 *     or lies inside its `for (var k = …; …)` loop;
 *   - split: used only inside `for (j = e; …)` / `for (var j = e; …)` loops that do not nest and
 *     whose `e` does not read j; each loop's `j = e` kills the value, so no value flows between
 *     the loops or out of them, and each loop gets its own `let j` (a counter). `let j;` followed
 *     by such loops only is split the same way (`splitLet`);
 *   - hoisted: everything else, one function-level binding.
 */
import type { TS } from "../frontend/typescript.js";

export interface VarPlan {
  /** every name declared with var */
  readonly names: readonly string[];
  /** declarations built as `let` */
  readonly asLet: ReadonlySet<TS.VariableDeclaration>;
  /** names given a fresh `let` in each of their loops */
  readonly split: ReadonlySet<string>;
  /** function-level bindings, with their first declaration */
  readonly hoisted: ReadonlyMap<string, TS.VariableDeclaration>;
}

/** Plans the `var`s of a function body (nested functions excluded). */
export function planVars(ts: typeof TS, sf: TS.SourceFile, body: TS.Block): VarPlan {
  const decls = new Map<string, TS.VariableDeclaration[]>();
  const refs = new Map<string, number[]>();
  /** `for (x = e; …)` and `for (var x = e; …)` loops per name */
  const webs = new Map<string, TS.ForStatement[]>();
  const visit = (n: TS.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isForStatement(n)) for (const x of webNames(ts, n)) push(webs, x, n);
    if (ts.isVariableDeclarationList(n) && (n.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) === 0) {
      for (const d of n.declarations) if (ts.isIdentifier(d.name)) push(decls, d.name.text, d);
    }
    if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) && !(ts.isVariableDeclaration(n.parent) && n.parent.name === n)) {
      push(refs, n.text, n.getStart(sf));
    }
    n.forEachChild(visit);
  };
  // nothing to plan without a `var` keyword in the text
  if (/\bvar\b/.test(body.getText(sf))) body.statements.forEach(visit);
  const asLet = new Set<TS.VariableDeclaration>();
  const split = new Set<string>();
  const hoisted = new Map<string, TS.VariableDeclaration>();
  for (const [name, ds] of decls) {
    const uses = refs.get(name) ?? [];
    if (ds.length === 1 && letLike(ts, sf, ds[0]!, uses)) asLet.add(ds[0]!);
    else if (splittable(ts, sf, ds, webs.get(name) ?? [], uses)) split.add(name);
    else hoisted.set(name, ds[0]!);
  }
  return { names: [...decls.keys()], asLet, split, hoisted };
}

/** `x` of a `for (x = e; …)` loop, else null. */
export function counterAssign(ts: typeof TS, f: TS.ForStatement): string | null {
  const i = f.initializer;
  if (!i || !ts.isBinaryExpression(i) || i.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(i.left)) return null;
  return i.left.text;
}

/** Whether `let j;` (no initialiser) is followed in its block by uses of j only as a split counter. */
export function splitLet(ts: typeof TS, sf: TS.SourceFile, d: TS.VariableDeclaration): boolean {
  const stmt = d.parent.parent;
  if (!ts.isIdentifier(d.name) || !ts.isVariableStatement(stmt) || !ts.isBlock(stmt.parent)) return false;
  const name = d.name.text;
  const refs: number[] = [];
  const loops: TS.ForStatement[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isForStatement(n) && counterAssign(ts, n) === name) loops.push(n);
    if (ts.isIdentifier(n) && n.text === name && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) refs.push(n.getStart(sf));
    n.forEachChild(visit);
  };
  const siblings = stmt.parent.statements;
  for (let i = siblings.indexOf(stmt) + 1; i < siblings.length; i++) visit(siblings[i]!);
  return splittable(ts, sf, [d], loops, refs);
}

/** The names a `for` loop's initialiser sets: `x = e`, or `var x = e, y = f`. */
function webNames(ts: typeof TS, f: TS.ForStatement): string[] {
  const a = counterAssign(ts, f);
  if (a !== null) return [a];
  const i = f.initializer;
  if (!i || !ts.isVariableDeclarationList(i) || (i.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) !== 0) return [];
  return i.declarations.flatMap((d) => (ts.isIdentifier(d.name) && d.initializer ? [d.name.text] : []));
}

/** The expression a `for` loop's initialiser gives `name` (see webNames). */
function webValue(ts: typeof TS, f: TS.ForStatement, name: string): TS.Expression {
  const i = f.initializer!;
  if (ts.isBinaryExpression(i)) return i.right;
  return (i as TS.VariableDeclarationList).declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name)!.initializer!;
}

/** See the file comment: `ds` are the name's declarations, `loops` its web loops, `refs` the offsets of its uses. */
function splittable(ts: typeof TS, sf: TS.SourceFile, ds: readonly TS.VariableDeclaration[], loops: readonly TS.ForStatement[], refs: readonly number[]): boolean {
  if (loops.length === 0) return false;
  if (!ds.every((d) => !d.initializer || loops.some((f) => f.initializer === d.parent))) return false;
  const name = (ds[0]!.name as TS.Identifier).text;
  const spans = loops.map((f) => {
    const v = webValue(ts, f, name);
    return { start: f.getStart(sf), end: f.getEnd(), rhs: { start: v.getStart(sf), end: v.getEnd() } };
  });
  for (const a of spans) for (const b of spans) if (a !== b && a.start <= b.start && b.end <= a.end) return false;
  return refs.every((r) => spans.some((sp) => r >= sp.start && r < sp.end && !(r >= sp.rhs.start && r < sp.rhs.end)));
}

/** Whether every use (`refs`: offsets) of the only `var` declaration `d` comes after it where a `let` would be in scope. */
function letLike(ts: typeof TS, sf: TS.SourceFile, d: TS.VariableDeclaration, refs: readonly number[]): boolean {
  const list = d.parent;
  const holder = list.parent;
  if (ts.isForStatement(holder) && holder.initializer === list) {
    const end = holder.getEnd();
    return refs.every((r) => r > d.getEnd() && r < end);
  }
  if (!d.initializer || !ts.isVariableStatement(holder) || !ts.isBlock(holder.parent)) return false;
  const end = holder.parent.getEnd();
  return refs.every((r) => r > d.getEnd() && r < end);
}

function push<K, T>(m: Map<K, T[]>, k: K, x: T): void {
  const xs = m.get(k);
  if (xs) xs.push(x);
  else m.set(k, [x]);
}
