/**
 * Builds the kernel model from the TypeScript AST of one function: resolves names to variables,
 * recognises `prange` loops (also when a bundler or test runner has rewritten the call, e.g.
 * Vitest's `(0, __vite_ssr_import_1__.prange)(n)`), and reports every construct outside the
 * supported subset as a diagnostic with its span, then keeps going.
 */
import type { DiagnosticSink } from "../diagnostics/diagnostic.js";
import type { ParsedKernel } from "../frontend/parse.js";
import { typescript, type TS } from "../frontend/typescript.js";
import type { AssignOp, BinaryOp, ElemRef, Expr, Kernel, LoopStmt, Pos, PrangeStmt, Stmt, Var } from "./ir.js";
import { MATH_CONSTANTS, MATH_FUNCTIONS, NUMBER_CONSTANTS, NUMBER_FUNCTIONS, GLOBAL_FUNCTIONS } from "./builtins.js";
import { exprMentions } from "./walk.js";
import { counterAssign, planVars, splitLet } from "./vars.js";

/** Options that change how names resolve. */
export interface BuildOptions {
  readonly globals?: Readonly<Record<string, number | boolean>>;
}

type Scope = Map<string, Var>;

interface LoopCtx {
  readonly node: LoopStmt | PrangeStmt;
  readonly label: string | null;
}

const ASSIGN_OPS = new Map<number, AssignOp>();
const BINARY_OPS = new Map<number, BinaryOp>();

function initOps(ts: typeof TS): void {
  if (ASSIGN_OPS.size) return;
  const K = ts.SyntaxKind;
  const a: [number, AssignOp][] = [
    [K.EqualsToken, "="], [K.PlusEqualsToken, "+="], [K.MinusEqualsToken, "-="], [K.AsteriskEqualsToken, "*="],
    [K.SlashEqualsToken, "/="], [K.PercentEqualsToken, "%="], [K.AsteriskAsteriskEqualsToken, "**="],
    [K.LessThanLessThanEqualsToken, "<<="], [K.GreaterThanGreaterThanEqualsToken, ">>="],
    [K.GreaterThanGreaterThanGreaterThanEqualsToken, ">>>="], [K.AmpersandEqualsToken, "&="], [K.BarEqualsToken, "|="],
    [K.CaretEqualsToken, "^="], [K.AmpersandAmpersandEqualsToken, "&&="], [K.BarBarEqualsToken, "||="],
    [K.QuestionQuestionEqualsToken, "??="],
  ];
  for (const [k, v] of a) ASSIGN_OPS.set(k, v);
  const b: [number, BinaryOp][] = [
    [K.PlusToken, "+"], [K.MinusToken, "-"], [K.AsteriskToken, "*"], [K.SlashToken, "/"], [K.PercentToken, "%"],
    [K.AsteriskAsteriskToken, "**"], [K.AmpersandToken, "&"], [K.BarToken, "|"], [K.CaretToken, "^"],
    [K.LessThanLessThanToken, "<<"], [K.GreaterThanGreaterThanToken, ">>"], [K.GreaterThanGreaterThanGreaterThanToken, ">>>"],
    [K.LessThanToken, "<"], [K.LessThanEqualsToken, "<="], [K.GreaterThanToken, ">"], [K.GreaterThanEqualsToken, ">="],
    [K.EqualsEqualsToken, "=="], [K.ExclamationEqualsToken, "!="], [K.EqualsEqualsEqualsToken, "==="],
    [K.ExclamationEqualsEqualsToken, "!=="],
  ];
  for (const [k, v] of b) BINARY_OPS.set(k, v);
}

/** Builds the model of a parsed kernel; problems go to `sink`. */
export function buildKernel(parsed: ParsedKernel, sink: DiagnosticSink, options: BuildOptions = {}): Kernel {
  return new Builder(parsed, sink, options).build();
}

class Builder {
  private readonly ts = typescript();
  private readonly vars: Var[] = [];
  private readonly pranges: PrangeStmt[] = [];
  private readonly sites: { array: string; pos: Pos }[] = [];
  private readonly returns: (Pos & { e: Expr | null })[] = [];
  private readonly scopes: Scope[] = [];
  private readonly loops: LoopCtx[] = [];
  /** innermost parallel prange being built, or null */
  private owner: PrangeStmt | null = null;
  private nextPrange = 0;
  /** assignments per variable outside its declaration */
  readonly assigns = new Map<Var, number>();
  /** `var` names of the function: hoisted to its top (a parameter of the same name is that parameter) */
  private readonly hoisted = new Map<string, Var>();
  /** `var` declarations built as `let` (see hoistVars) */
  private readonly varAsLet = new Set<TS.VariableDeclaration>();
  /** `var` names given a fresh `let` in each `for (x = e; …)` loop (see splittable) */
  private readonly splitVars = new Set<string>();
  /** `let` declarations split the same way (see splitLet) */
  private readonly splitLets = new Set<Var>();
  /** every name declared with `var` */
  private readonly varNames = new Set<string>();

  constructor(
    private readonly parsed: ParsedKernel,
    private readonly sink: DiagnosticSink,
    private readonly options: BuildOptions,
  ) {
    initOps(this.ts);
  }

  private pos(n: TS.Node): Pos {
    return { start: n.getStart(this.parsed.sourceFile), end: n.getEnd() };
  }

  private unsupported(n: TS.Node, what: string, hint: string): void {
    this.sink.report("PF1001", this.pos(n), [what, hint]);
  }

  build(): Kernel {
    const ts = this.ts;
    const fn = this.parsed.fn;
    const name = fn.name && ts.isIdentifier(fn.name) ? fn.name.text : "anonymous";
    if (fn.asteriskToken) this.unsupported(fn, "A generator function", "Write a plain function.");
    if (fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) {
      this.unsupported(fn, "An async function", "Write a plain function; use `kernel.async(...)` to run it without blocking.");
    }
    this.scopes.push(new Map());
    const params: Var[] = [];
    for (const p of fn.parameters) {
      if (!ts.isIdentifier(p.name)) {
        this.sink.report("PF1008", this.pos(p), ["(destructured)", "destructuring is not supported."]);
        continue;
      }
      const pname = p.name.text;
      if (p.dotDotDotToken) this.sink.report("PF1008", this.pos(p), [pname, "rest parameters are not supported."]);
      else if (p.initializer) this.sink.report("PF1008", this.pos(p), [pname, "default values are not supported."]);
      else if (p.questionToken) this.sink.report("PF1008", this.pos(p), [pname, "optional parameters are not supported."]);
      const v = this.declare(pname, this.pos(p.name), "param", false);
      params.push(v);
    }
    let body: Stmt[] = [];
    if (fn.body && ts.isBlock(fn.body)) body = [...this.hoistVars(fn.body), ...this.block(fn.body.statements)];
    else if (fn.body) {
      const e = this.expr(fn.body as TS.Expression);
      const p = this.pos(fn.body);
      this.returns.push({ ...p, e });
      body = [{ k: "return", e, ...p }];
    }
    this.scopes.pop();
    return {
      name,
      params,
      body,
      vars: this.vars,
      pranges: this.pranges,
      sites: this.sites,
      returns: this.returns,
    };
  }

  /**
   * JavaScript's `var` (model/vars.ts decides what each name is): a `var` that behaves like a
   * `let` is built as one; a split counter gets a `let` in each of its loops; every other name
   * is declared once in the function scope, owned by no prange, with a declaration without
   * initialiser at the top of the body (undefined until assigned), and `var x = e` later is an
   * assignment. A parameter of the same name is that parameter.
   */
  private hoistVars(body: TS.Block): Stmt[] {
    const plan = planVars(this.ts, this.parsed.sourceFile, body);
    const out: Stmt[] = [];
    for (const d of plan.asLet) this.varAsLet.add(d);
    for (const name of plan.names) {
      this.varNames.add(name);
      const param = this.scopes[0]!.get(name);
      if (param) this.hoisted.set(name, param);
    }
    for (const name of plan.split) if (!this.hoisted.has(name)) this.splitVars.add(name);
    for (const [name, d] of plan.hoisted) {
      if (this.hoisted.has(name)) continue;
      const v = this.declare(name, this.pos(d.name), "local", false);
      this.hoisted.set(name, v);
      out.push({ k: "let", v, init: null, ...this.pos(d.name) });
    }
    return out;
  }

  private declare(name: string, pos: Pos, kind: Var["kind"], isConst: boolean): Var {
    const v: Var = { id: this.vars.length, name, pos, kind, owner: this.owner, isConst };
    this.vars.push(v);
    this.scopes[this.scopes.length - 1]!.set(name, v);
    return v;
  }

  private lookup(name: string): Var | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i]!.get(name);
      if (v) {
        v.used = true;
        return v;
      }
    }
    return undefined;
  }

  private scoped<T>(f: () => T): T {
    this.scopes.push(new Map());
    try {
      return f();
    } finally {
      this.scopes.pop();
    }
  }

  private block(stmts: readonly TS.Statement[]): Stmt[] {
    return this.scoped(() => {
      const out: Stmt[] = [];
      for (const s of stmts) this.stmt(s, out, null);
      return out;
    });
  }

  private body(s: TS.Statement): Stmt[] {
    const ts = this.ts;
    if (ts.isBlock(s)) return this.block(s.statements);
    return this.scoped(() => {
      const out: Stmt[] = [];
      this.stmt(s, out, null);
      return out;
    });
  }

  private stmt(s: TS.Statement, out: Stmt[], label: string | null): void {
    const ts = this.ts;
    const p = this.pos(s);
    if (ts.isVariableStatement(s)) {
      this.varDecls(s.declarationList, out);
    } else if (ts.isExpressionStatement(s)) {
      const e = this.expr(s.expression);
      if (e) out.push({ k: "expr", e, ...p });
    } else if (ts.isIfStatement(s)) {
      const c = this.expr(s.expression);
      const t = this.body(s.thenStatement);
      const f = s.elseStatement ? this.body(s.elseStatement) : [];
      if (c) out.push({ k: "if", c, t, f, ...p });
    } else if (ts.isBlock(s)) {
      out.push({ k: "block", body: this.block(s.statements), ...p });
    } else if (ts.isForStatement(s)) {
      out.push(this.forStmt(s, label));
    } else if (ts.isWhileStatement(s) || ts.isDoStatement(s)) {
      const node: LoopStmt = {
        k: "loop",
        kind: ts.isWhileStatement(s) ? "while" : "do",
        init: [],
        cond: null,
        update: null,
        body: [],
        label,
        ...p,
      };
      const cond = this.expr(s.expression);
      this.loops.push({ node, label });
      const body = this.body(s.statement);
      this.loops.pop();
      out.push(Object.assign(node, { cond, body }));
    } else if (ts.isForOfStatement(s)) {
      const pr = this.prangeStmt(s, label);
      if (pr) out.push(pr);
    } else if (ts.isBreakStatement(s) || ts.isContinueStatement(s)) {
      this.jump(s, out);
    } else if (ts.isReturnStatement(s)) {
      if (this.loops.some((l) => l.node.k === "prange")) {
        this.sink.report("PF1004", p);
        return;
      }
      const e = s.expression ? this.expr(s.expression) : null;
      this.returns.push({ ...p, e });
      out.push({ k: "return", e, ...p });
    } else if (ts.isLabeledStatement(s)) {
      const inner = s.statement;
      if (ts.isForStatement(inner) || ts.isForOfStatement(inner) || ts.isWhileStatement(inner) || ts.isDoStatement(inner)) {
        this.stmt(inner, out, s.label.text);
      } else this.unsupported(s, "A label on a statement that is not a loop", "Label loops only.");
    } else if (ts.isEmptyStatement(s)) {
      // nothing
    } else if (ts.isSwitchStatement(s)) {
      this.unsupported(s, "'switch'", "Use if / else if.");
    } else if (ts.isFunctionDeclaration(s)) {
      this.unsupported(s, "A nested function", "Inline its body in the kernel.");
    } else if (ts.isThrowStatement(s) || ts.isTryStatement(s)) {
      this.unsupported(s, ts.isThrowStatement(s) ? "'throw'" : "'try'", "Kernels cannot raise or catch exceptions; check inputs before the call.");
    } else if (ts.isForInStatement(s)) {
      this.unsupported(s, "'for ... in'", "Use a counted for loop or prange.");
    } else {
      this.unsupported(s, `This statement (${ts.SyntaxKind[s.kind]})`, "Use let/const, if/else, loops and assignments.");
    }
  }

  private varDecls(list: TS.VariableDeclarationList, out: Stmt[]): void {
    const ts = this.ts;
    const flags = list.flags;
    const isConst = (flags & ts.NodeFlags.Const) !== 0;
    const isVar = (flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) === 0;
    for (const d of list.declarations) {
      if (!ts.isIdentifier(d.name)) {
        this.unsupported(d, "Destructuring", "Declare one variable per name.");
        continue;
      }
      if (isVar && d.initializer && this.splitVars.has(d.name.text) && this.freshCounter(d.name.text)) {
        // `for (var j = e; …)` of a split var: this loop's own `let j = e`
        const init = this.expr(d.initializer);
        const v = this.declare(d.name.text, this.pos(d.name), "local", false);
        if (init) out.push({ k: "let", v, init, ...this.pos(d) });
        continue;
      }
      if (isVar && !this.varAsLet.has(d)) {
        // hoisted: `var x = e` assigns the function's x; `var x;` does nothing
        const v = this.hoisted.get(d.name.text);
        if (!v || !d.initializer) continue;
        const value = this.expr(d.initializer);
        if (!value) continue;
        v.used = true;
        this.countAssign(v);
        const p = this.pos(d);
        out.push({ k: "expr", e: { k: "assign", op: "=", target: v, value, ...p }, ...p });
        continue;
      }
      const init = d.initializer ? this.expr(d.initializer) : null;
      if (!isVar && this.scopes.length <= 2 && this.varNames.has(d.name.text)) {
        this.unsupported(d, `Declaring '${d.name.text}' with both var and ${isConst ? "const" : "let"}`, "Declare each name once.");
      }
      const v = this.declare(d.name.text, this.pos(d.name), "local", isConst);
      out.push({ k: "let", v, init, ...this.pos(d) });
      if (!isConst && !d.initializer && splitLet(this.ts, this.parsed.sourceFile, d)) this.splitLets.add(v);
    }
  }

  /**
   * Whether `for (name = e; …)` gets its own binding: the name in scope is a split `let`, or no
   * binding is in scope and it is a split `var` (another binding in scope takes the assignment,
   * as in JavaScript).
   */
  private freshCounter(name: string): boolean {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i]!.get(name);
      if (v) return this.splitLets.has(v);
    }
    return this.splitVars.has(name);
  }

  private forStmt(s: TS.ForStatement, label: string | null): LoopStmt {
    const ts = this.ts;
    return this.scoped(() => {
      const init: Stmt[] = [];
      if (s.initializer) {
        const split = counterAssign(this.ts, s);
        if (ts.isVariableDeclarationList(s.initializer)) this.varDecls(s.initializer, init);
        else if (split !== null && this.freshCounter(split)) {
          // this loop's own binding of a split var or let: `for (j = e; …)` as `for (let j = e; …)`
          const a = s.initializer as TS.BinaryExpression;
          const value = this.expr(a.right);
          const v = this.declare(split, this.pos(a.left), "local", false);
          if (value) init.push({ k: "let", v, init: value, ...this.pos(a) });
        } else {
          const e = this.expr(s.initializer);
          if (e) init.push({ k: "expr", e, ...this.pos(s.initializer) });
        }
      }
      const cond = s.condition ? this.expr(s.condition) : null;
      const update = s.incrementor ? this.expr(s.incrementor) : null;
      const node: LoopStmt = { k: "loop", kind: "for", init, cond, update, body: [], label, ...this.pos(s) };
      this.loops.push({ node, label });
      const body = this.body(s.statement);
      this.loops.pop();
      const loop = Object.assign(node, { body });
      this.detectCounter(loop);
      return loop;
    });
  }

  /** Marks `for (let j = A; j < B; j++)`-shaped counters whose only other assignment is the update. */
  private detectCounter(loop: LoopStmt): void {
    const first = loop.init[0];
    if (loop.init.length !== 1 || !first || first.k !== "let" || !first.init || !loop.cond || !loop.update) return;
    const v = first.v;
    const c = loop.cond;
    if (c.k !== "binary") return;
    let cmp: "<" | "<=" | ">" | ">=";
    let bound: Expr;
    const flip = { "<": ">", "<=": ">=", ">": "<", ">=": "<=" } as const;
    if (c.l.k === "var" && c.l.v === v && (c.op === "<" || c.op === "<=" || c.op === ">" || c.op === ">=")) {
      cmp = c.op;
      bound = c.r;
    } else if (c.r.k === "var" && c.r.v === v && (c.op === "<" || c.op === "<=" || c.op === ">" || c.op === ">=")) {
      cmp = flip[c.op];
      bound = c.l;
    } else return;
    const u = loop.update;
    let step: number;
    if (u.k === "update" && u.target === v) step = u.op === "++" ? 1 : -1;
    else if (u.k === "assign" && u.target === v && (u.op === "+=" || u.op === "-=") && u.value.k === "num" && Number.isInteger(u.value.value) && u.value.value > 0 && u.value.value < 2 ** 20) {
      step = u.op === "+=" ? u.value.value : -u.value.value;
    } else return;
    if ((cmp === "<" || cmp === "<=") !== step > 0) return;
    if ((this.assigns.get(v) ?? 0) !== 1) return;
    if (exprMentions(bound, v)) return;
    v.counter = { init: first.init, bound, cmp, step };
  }

  private prangeStmt(s: TS.ForOfStatement, label: string | null): PrangeStmt | null {
    const ts = this.ts;
    const p = this.pos(s);
    let e: TS.Expression = s.expression as TS.Expression;
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (!ts.isCallExpression(e) || !this.isPrangeCallee(e.expression)) {
      this.unsupported(s.expression, "'for ... of' over anything but prange(...)", "Iterate with `for (const i of prange(n))` or a counted for loop.");
      return null;
    }
    if (s.awaitModifier) this.unsupported(s, "'for await'", "Use `for (const i of prange(n))`.");
    const init = s.initializer;
    if (ts.isVariableDeclarationList(init) && (init.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) === 0) {
      this.unsupported(init, "A prange loop variable declared with var", "Write `for (const i of prange(n))`.");
      return null;
    }
    if (!ts.isVariableDeclarationList(init) || init.declarations.length !== 1 || !ts.isIdentifier(init.declarations[0]!.name)) {
      this.unsupported(init, "This prange loop variable", "Write `for (const i of prange(n))`.");
      return null;
    }
    const args = e.arguments.map((a) => this.expr(a));
    if (args.length < 1 || args.length > 3 || e.arguments.some((a) => ts.isSpreadElement(a))) {
      this.unsupported(e, `prange with ${args.length} arguments`, "Call prange(stop), prange(start, stop) or prange(start, stop, step).");
      return null;
    }
    if (args.some((a) => a === null)) return null;
    const [a0, a1, a2] = args as Expr[];
    const callPos = this.pos(e);
    const num = (value: number): Expr => ({ k: "num", value, ...callPos });
    const start = args.length === 1 ? num(0) : a0!;
    const stop = args.length === 1 ? a0! : a1!;
    const step = args.length === 3 ? a2! : num(1);
    const serial = this.owner !== null;
    const decl = init.declarations[0]!;
    const node: PrangeStmt = {
      k: "prange",
      id: serial ? -1 : this.nextPrange++,
      index: undefined as unknown as Var,
      rangeStart: start,
      rangeStop: stop,
      rangeStep: step,
      body: [],
      serial,
      label,
      callPos,
      ...p,
    };
    const outerOwner = this.owner;
    if (!serial) this.owner = node;
    const result = this.scoped(() => {
      const index = this.declare((decl.name as TS.Identifier).text, this.pos(decl.name), "index", true);
      this.loops.push({ node, label });
      const body = this.body(s.statement);
      this.loops.pop();
      return Object.assign(node, { index, body });
    });
    this.owner = outerOwner;
    if (!serial) this.pranges.push(result);
    return result;
  }

  /** `prange`, `x.prange`, `(0, x.prange)`: the forms bundlers and test runners leave behind. */
  private isPrangeCallee(e: TS.Expression): boolean {
    const ts = this.ts;
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken) return this.isPrangeCallee(e.right);
    if (ts.isIdentifier(e)) return e.text === "prange" && !this.lookup("prange");
    if (ts.isPropertyAccessExpression(e)) return e.name.text === "prange" && ts.isIdentifier(e.expression) && !this.lookup(e.expression.text);
    return false;
  }

  private jump(s: TS.BreakStatement | TS.ContinueStatement, out: Stmt[]): void {
    const ts = this.ts;
    const isBreak = ts.isBreakStatement(s);
    const label = s.label?.text ?? null;
    let target: LoopCtx | undefined;
    let crossesPrange = false;
    for (let i = this.loops.length - 1; i >= 0; i--) {
      const l = this.loops[i]!;
      if (label === null || l.label === label) {
        target = l;
        break;
      }
      if (l.node.k === "prange") crossesPrange = true;
    }
    if (!target) {
      this.unsupported(s, `'${isBreak ? "break" : "continue"}' outside a loop`, "Use break/continue inside loops only.");
      return;
    }
    const p = this.pos(s);
    if (crossesPrange || (isBreak && target.node.k === "prange")) {
      if (isBreak) this.sink.report("PF1005", p);
      else this.unsupported(s, "'continue' to a loop outside the prange", "Continue only the prange loop itself or loops inside it.");
      return;
    }
    out.push({ k: isBreak ? "break" : "continue", target: target.node, ...p });
  }

  private countAssign(v: Var): void {
    this.assigns.set(v, (this.assigns.get(v) ?? 0) + 1);
  }

  /** An assignable name; reports constants, parameters that are arrays, loop indices. */
  private targetVar(n: TS.Expression): Var | null {
    const ts = this.ts;
    if (!ts.isIdentifier(n)) return null;
    const v = this.lookup(n.text);
    if (!v) {
      this.sink.report("PF1002", this.pos(n), [n.text]);
      return null;
    }
    if (v.kind === "index") {
      this.sink.report("PF1007", this.pos(n), ["the prange loop variable", v.name, "Use another variable."]);
      return null;
    }
    if (v.isConst) {
      this.sink.report("PF1007", this.pos(n), ["the constant", v.name, "Declare it with let."]);
      return null;
    }
    this.countAssign(v);
    return v;
  }

  private elemRef(n: TS.ElementAccessExpression): ElemRef | null {
    const ts = this.ts;
    let obj: TS.Expression = n.expression;
    while (ts.isParenthesizedExpression(obj)) obj = obj.expression;
    if (!ts.isIdentifier(obj)) {
      this.unsupported(n, "Indexing anything but an array parameter", "Index typed-array parameters directly: `a[i]`.");
      return null;
    }
    const v = this.lookup(obj.text);
    if (!v) {
      this.sink.report("PF1002", this.pos(obj), [obj.text]);
      return null;
    }
    if (v.kind !== "param") {
      this.unsupported(n, `Indexing '${v.name}'`, "Only typed-array parameters can be indexed.");
      return null;
    }
    v.array ??= "Float64Array"; // provisional: the signature decides the element type
    const index = this.expr(n.argumentExpression);
    if (!index) return null;
    const site = this.sites.length;
    this.sites.push({ array: v.name, pos: this.pos(n) });
    return { array: v, index, site };
  }

  expr(n: TS.Expression): Expr | null {
    const ts = this.ts;
    const p = this.pos(n);
    const K = ts.SyntaxKind;
    if (ts.isParenthesizedExpression(n)) return this.expr(n.expression);
    if (ts.isAsExpression(n) || ts.isTypeAssertionExpression(n) || ts.isNonNullExpression(n) || ts.isSatisfiesExpression(n)) {
      return this.expr(n.expression);
    }
    if (ts.isNumericLiteral(n)) return { k: "num", value: Number(n.text), ...p };
    if (n.kind === K.TrueKeyword || n.kind === K.FalseKeyword) return { k: "bool", value: n.kind === K.TrueKeyword, ...p };
    if (ts.isIdentifier(n)) return this.ident(n);
    if (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) {
      const op = n.operator;
      if (op === K.PlusPlusToken || op === K.MinusMinusToken) {
        const upd = op === K.PlusPlusToken ? "++" : "--";
        const prefix = ts.isPrefixUnaryExpression(n);
        let operand: TS.Expression = n.operand;
        while (ts.isParenthesizedExpression(operand)) operand = operand.expression;
        if (ts.isElementAccessExpression(operand)) {
          const ref = this.elemRef(operand);
          return ref ? { k: "updateElem", op: upd, prefix, ref, ...p } : null;
        }
        const target = this.targetVar(operand);
        if (!target && !ts.isIdentifier(operand)) this.unsupported(operand, "This update target", "Update a variable or an array element.");
        return target ? { k: "update", op: upd, prefix, target, ...p } : null;
      }
      const e = this.expr(n.operand);
      if (!e) return null;
      const uop = op === K.MinusToken ? "-" : op === K.PlusToken ? "+" : op === K.ExclamationToken ? "!" : op === K.TildeToken ? "~" : null;
      if (!uop) return null;
      return { k: "unary", op: uop, e, ...p };
    }
    if (ts.isBinaryExpression(n)) return this.binary(n, p);
    if (ts.isConditionalExpression(n)) {
      const c = this.expr(n.condition);
      const t = this.expr(n.whenTrue);
      const f = this.expr(n.whenFalse);
      return c && t && f ? { k: "cond", c, t, f, ...p } : null;
    }
    if (ts.isElementAccessExpression(n)) {
      const ref = this.elemRef(n);
      return ref ? { k: "load", ref, ...p } : null;
    }
    if (ts.isPropertyAccessExpression(n)) return this.member(n, p);
    if (ts.isCallExpression(n)) return this.call(n, p);
    const what = ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)
      ? "A string"
      : ts.isObjectLiteralExpression(n)
        ? "An object literal"
        : ts.isArrayLiteralExpression(n)
          ? "An array literal"
          : ts.isArrowFunction(n) || ts.isFunctionExpression(n)
            ? "A nested function"
            : ts.isBigIntLiteral(n)
              ? "A BigInt"
              : ts.isNewExpression(n)
                ? "'new'"
                : n.kind === K.NullKeyword
                  ? "null"
                  : `This expression (${K[n.kind]})`;
    this.unsupported(n, what, "Kernels compute with numbers, booleans and typed-array parameters.");
    return null;
  }

  private ident(n: TS.Identifier): Expr | null {
    const p = this.pos(n);
    const v = this.lookup(n.text);
    if (v) {
      if (v.kind === "param" && v.array === undefined) {
        // may still become an array if indexed elsewhere; the type phase reports misuse
      }
      return { k: "var", v, ...p };
    }
    if (n.text === "Infinity") return { k: "num", value: Infinity, ...p };
    if (n.text === "NaN") return { k: "num", value: NaN, ...p };
    const g = this.options.globals;
    if (g && Object.prototype.hasOwnProperty.call(g, n.text)) {
      const value = g[n.text];
      return typeof value === "boolean" ? { k: "bool", value, ...p } : { k: "num", value: value as number, ...p };
    }
    if (n.text === "undefined") {
      this.unsupported(n, "'undefined'", "Kernels compute with numbers and booleans; use NaN or a flag.");
      return null;
    }
    this.sink.report("PF1002", p, [n.text]);
    return null;
  }

  private member(n: TS.PropertyAccessExpression, p: Pos): Expr | null {
    const ts = this.ts;
    const obj = n.expression;
    const prop = n.name.text;
    if (ts.isIdentifier(obj)) {
      const v = this.lookup(obj.text);
      if (v) {
        if (prop === "length" && v.kind === "param") {
          v.array ??= "Float64Array";
          return { k: "length", array: v, ...p };
        }
        this.unsupported(n, `'.${prop}' of '${v.name}'`, "Only `.length` of a typed-array parameter can be read.");
        return null;
      }
      if (obj.text === "Math" && !this.lookup("Math")) {
        const c = MATH_CONSTANTS[prop];
        if (c !== undefined) return { k: "num", value: c, ...p };
        this.sink.report("PF1012", p, [`Math.${prop}`, "Math"]);
        return null;
      }
      if (obj.text === "Number") {
        const c = NUMBER_CONSTANTS[prop];
        if (c !== undefined) return { k: "num", value: c, ...p };
        this.sink.report("PF1012", p, [`Number.${prop}`, "Number"]);
        return null;
      }
      if (!this.options.globals || !(obj.text in this.options.globals)) {
        this.sink.report("PF1002", this.pos(obj), [obj.text]);
        return null;
      }
    }
    this.unsupported(n, "This property access", "Kernels read `.length` of arrays and Math/Number constants only.");
    return null;
  }

  private call(n: TS.CallExpression, p: Pos): Expr | null {
    const ts = this.ts;
    let callee: TS.Expression = n.expression;
    while (ts.isParenthesizedExpression(callee)) callee = callee.expression;
    let fn: string | null = null;
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && !this.lookup(callee.expression.text)) {
      const ns = callee.expression.text;
      const name = callee.name.text;
      if (ns === "Math") {
        if (!MATH_FUNCTIONS.has(name)) {
          this.sink.report("PF1012", p, [`Math.${name}`, "Math"]);
          return null;
        }
        fn = name;
      } else if (ns === "Number") {
        if (!NUMBER_FUNCTIONS.has(name)) {
          this.sink.report("PF1012", p, [`Number.${name}`, "Number"]);
          return null;
        }
        fn = "Number." + name;
      }
    } else if (ts.isIdentifier(callee) && !this.lookup(callee.text) && GLOBAL_FUNCTIONS.has(callee.text)) {
      fn = "global." + callee.text;
    } else if (this.isPrangeCallee(callee)) {
      this.unsupported(n, "prange outside a for...of loop header", "Write `for (const i of prange(n))`.");
      return null;
    }
    if (!fn) {
      this.sink.report("PF1003", p, [callee.getText(this.parsed.sourceFile)]);
      return null;
    }
    if (n.arguments.some((a) => ts.isSpreadElement(a))) {
      this.unsupported(n, "A spread argument", "Pass arguments one by one.");
      return null;
    }
    const args = n.arguments.map((a) => this.expr(a));
    if (args.some((a) => a === null)) return null;
    return { k: "call", fn, args: args as Expr[], ...p };
  }

  private binary(n: TS.BinaryExpression, p: Pos): Expr | null {
    const ts = this.ts;
    const K = ts.SyntaxKind;
    const opk = n.operatorToken.kind;
    const aop = ASSIGN_OPS.get(opk);
    if (aop) {
      let left: TS.Expression = n.left;
      while (ts.isParenthesizedExpression(left)) left = left.expression;
      if (ts.isElementAccessExpression(left)) {
        const ref = this.elemRef(left);
        const value = this.expr(n.right);
        return ref && value ? { k: "store", op: aop, ref, value, ...p } : null;
      }
      if (!ts.isIdentifier(left)) {
        this.unsupported(left, "This assignment target", "Assign to a variable or an array element.");
        return null;
      }
      const value = this.expr(n.right);
      const target = this.targetVar(left);
      return target && value ? { k: "assign", op: aop, target, value, ...p } : null;
    }
    if (opk === K.CommaToken) {
      const l = this.expr(n.left);
      const r = this.expr(n.right);
      return l && r ? { k: "comma", es: [l, r], ...p } : null;
    }
    if (opk === K.AmpersandAmpersandToken || opk === K.BarBarToken || opk === K.QuestionQuestionToken) {
      const l = this.expr(n.left);
      const r = this.expr(n.right);
      const op = opk === K.AmpersandAmpersandToken ? "&&" : opk === K.BarBarToken ? "||" : "??";
      return l && r ? { k: "logical", op, l, r, ...p } : null;
    }
    const bop = BINARY_OPS.get(opk);
    if (!bop) {
      this.unsupported(n.operatorToken, `The operator '${n.operatorToken.getText(this.parsed.sourceFile)}'`, "Use arithmetic, bitwise, comparison and logical operators.");
      return null;
    }
    const l = this.expr(n.left);
    const r = this.expr(n.right);
    return l && r ? { k: "binary", op: bop, l, r, ...p } : null;
  }
}
