/**
 * Builds the kernel model from the TypeScript AST of one function: resolves names to variables,
 * recognises `prange` loops (also when a bundler or test runner has rewritten the call, e.g.
 * Vitest's `(0, __vite_ssr_import_1__.prange)(n)`), and reports every construct outside the
 * supported subset as a diagnostic with its span, then keeps going.
 */
import { flowArrayness } from "./array-flow.js";
import { typescript } from "../frontend/typescript.js";
import { ATOMIC_ARITY } from "./ir.js";
import { MATH_CONSTANTS, MATH_FUNCTIONS, NUMBER_CONSTANTS, NUMBER_FUNCTIONS, GLOBAL_FUNCTIONS } from "./builtins.js";
import { exprMentions, forEachExprInStmts, forEachStmt, visitExpr } from "./walk.js";
import { cloneExpr } from "./clone.js";
import { parseKernel } from "../frontend/parse.js";
import { counterAssign, planVars, splitLet } from "./vars.js";
/** Inlined calls per kernel at most (each call site of each helper, nested calls counted). */
const MAX_INLINED_CALLS = 4000;
/** Typed-array constructors a kernel may call with `new`. */
const ARRAY_KINDS = new Set([
    "Float64Array", "Float32Array", "Int32Array", "Uint32Array", "Int16Array", "Uint16Array", "Int8Array", "Uint8Array", "Uint8ClampedArray",
]);
/** Forwards to a sink, appending where an inlined helper's diagnostic comes from. */
class NoteSink {
    parent;
    note;
    constructor(parent, note) {
        this.parent = parent;
        this.note = note;
    }
    get items() {
        return this.parent.items;
    }
    get hasErrors() {
        return this.parent.hasErrors;
    }
    report(code, at, args = [], related = []) {
        const d = this.parent.report(code, at, args, related);
        const i = this.parent.items.lastIndexOf(d);
        const n = Object.freeze({ ...d, message: d.message + this.note });
        if (i >= 0)
            this.parent.items[i] = n;
        return n;
    }
    related(message, at) {
        return this.parent.related(message, at);
    }
}
/** A helper in `globals`: a function, or its text as `{ fn: text }` (what crosses to a compile worker). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function isFunctionGlobal(v) {
    return typeof v === "function" || (typeof v === "object" && v !== null && typeof v.fn === "string");
}
/** `fn.toString()`, guarded (a function's own toString may be anything). */
function functionText(f) {
    try {
        return Function.prototype.toString.call(f);
    }
    catch {
        return "";
    }
}
/** Names a function assigns anywhere in it (parameters and locals included), and whether it writes array elements. */
function scanFunction(ts, fn) {
    const assigned = new Set();
    let writesArrays = false;
    const target = (t) => {
        while (ts.isParenthesizedExpression(t))
            t = t.expression;
        if (ts.isIdentifier(t))
            assigned.add(t.text);
        else
            writesArrays = true;
    };
    const visit = (n) => {
        if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment)
            target(n.left);
        if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken))
            target(n.operand);
        // Atomics.add(a, …) and the other read-modify-writes write their array (Atomics.load only reads)
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === "Atomics" && n.expression.name.text !== "load")
            writesArrays = true;
        n.forEachChild(visit);
    };
    fn.forEachChild(visit);
    return { assigned, writesArrays };
}
/** The return statements of a function body (nested functions excluded). */
function returnsOf(ts, body) {
    const out = [];
    const visit = (n) => {
        if (ts.isFunctionLike(n))
            return;
        if (ts.isReturnStatement(n))
            out.push(n);
        n.forEachChild(visit);
    };
    body.forEachChild(visit);
    return out;
}
function hasReturn(ts, s) {
    return ts.isReturnStatement(s) || returnsOf(ts, s).length > 0;
}
/** Whether every path through `s` ends in a return. */
function alwaysReturns(ts, s) {
    if (ts.isReturnStatement(s))
        return true;
    if (ts.isBlock(s))
        return s.statements.some((x) => alwaysReturns(ts, x));
    if (ts.isIfStatement(s))
        return s.elseStatement !== undefined && alwaysReturns(ts, s.thenStatement) && alwaysReturns(ts, s.elseStatement);
    return false;
}
/** No assignment, store or update anywhere in `e`. */
function pure(e) {
    let ok = true;
    visitExpr(e, (x) => {
        if (x.k === "assign" || x.k === "store" || x.k === "update" || x.k === "updateElem" || x.k === "atomic")
            ok = false;
    });
    return ok;
}
function size(e) {
    let n = 0;
    visitExpr(e, () => n++);
    return n;
}
function hasLoad(e) {
    let found = false;
    visitExpr(e, (x) => {
        if (x.k === "load")
            found = true;
    });
    return found;
}
function readsAny(e, names) {
    let found = false;
    visitExpr(e, (x) => {
        if (x.k === "var" && names.has(x.v.name))
            found = true;
    });
    return found;
}
/** Variables assigned (other than `fresh` ones) and arrays written in `stmts`. */
function effects(stmts, fresh) {
    const out = new Set();
    const local = new Set(fresh ?? []);
    if (!fresh)
        forEachStmt(stmts, (s) => {
            if (s.k === "let")
                local.add(s.v);
        });
    forEachExprInStmts(stmts, (x) => {
        if ((x.k === "assign" || x.k === "update") && !local.has(x.target))
            out.add(x.target);
        else if (x.k === "store" || x.k === "updateElem" || (x.k === "atomic" && x.op !== "load"))
            out.add(x.ref.array);
    });
    return out;
}
/** `for (let k = 0; k < a.length; k++) {}` at `at` (its body to be filled in): fill() and for-of over a typed array. */
function overArray(k, a, at, label) {
    const kv = () => ({ k: "var", v: k, ...at });
    return {
        k: "loop",
        kind: "for",
        init: [{ k: "let", v: k, init: { k: "num", value: 0, ...at }, ...at }],
        cond: { k: "binary", op: "<", l: kv(), r: { k: "length", array: a, ...at }, ...at },
        update: { k: "update", op: "++", prefix: false, target: k, ...at },
        body: [],
        label,
        ...at,
    };
}
const ASSIGN_OPS = new Map();
const BINARY_OPS = new Map();
function initOps(ts) {
    if (ASSIGN_OPS.size)
        return;
    const K = ts.SyntaxKind;
    const a = [
        [K.EqualsToken, "="], [K.PlusEqualsToken, "+="], [K.MinusEqualsToken, "-="], [K.AsteriskEqualsToken, "*="],
        [K.SlashEqualsToken, "/="], [K.PercentEqualsToken, "%="], [K.AsteriskAsteriskEqualsToken, "**="],
        [K.LessThanLessThanEqualsToken, "<<="], [K.GreaterThanGreaterThanEqualsToken, ">>="],
        [K.GreaterThanGreaterThanGreaterThanEqualsToken, ">>>="], [K.AmpersandEqualsToken, "&="], [K.BarEqualsToken, "|="],
        [K.CaretEqualsToken, "^="], [K.AmpersandAmpersandEqualsToken, "&&="], [K.BarBarEqualsToken, "||="],
        [K.QuestionQuestionEqualsToken, "??="],
    ];
    for (const [k, v] of a)
        ASSIGN_OPS.set(k, v);
    const b = [
        [K.PlusToken, "+"], [K.MinusToken, "-"], [K.AsteriskToken, "*"], [K.SlashToken, "/"], [K.PercentToken, "%"],
        [K.AsteriskAsteriskToken, "**"], [K.AmpersandToken, "&"], [K.BarToken, "|"], [K.CaretToken, "^"],
        [K.LessThanLessThanToken, "<<"], [K.GreaterThanGreaterThanToken, ">>"], [K.GreaterThanGreaterThanGreaterThanToken, ">>>"],
        [K.LessThanToken, "<"], [K.LessThanEqualsToken, "<="], [K.GreaterThanToken, ">"], [K.GreaterThanEqualsToken, ">="],
        [K.EqualsEqualsToken, "=="], [K.ExclamationEqualsToken, "!="], [K.EqualsEqualsEqualsToken, "==="],
        [K.ExclamationEqualsEqualsToken, "!=="],
    ];
    for (const [k, v] of b)
        BINARY_OPS.set(k, v);
}
/** Builds the model of a parsed kernel; problems go to `sink`. */
export function buildKernel(parsed, sink, options = {}) {
    const k = new Builder(parsed, sink, options).build();
    flowArrayness(k);
    return k;
}
class Builder {
    parsed;
    sink;
    options;
    ts = typescript();
    vars = [];
    pranges = [];
    sites = [];
    returns = [];
    scopes = [];
    loops = [];
    /** helpers (functions the kernel calls) visible per scope level, parallel to `scopes` */
    helperScopes = [];
    /** helper parameters bound to an argument expression (substituted at each use), per scope level */
    exprScopes = [];
    /** the source file of the function being built (the kernel's, or a `globals` helper's) */
    sf;
    /** while inlining: the position every model node gets (the outermost call site) */
    posAt = null;
    /** helpers being inlined, outermost first (recursion check) */
    inlining = [];
    /** statements that must run before the statement being built (inlined helper bodies) */
    prelude = null;
    /** > 0 while building an expression that may run zero or many times per statement */
    conditional = 0;
    /** the helper whose body is being built: where its returns go */
    helperCtx = null;
    inlineCount = 0;
    /** helpers made from `globals` functions, by name */
    globalHelpers = new Map();
    /** inlined call sites and the note their diagnostics get */
    inlined = [];
    /** the source text of inlined model nodes (their positions are the call site's) */
    texts = new WeakMap();
    /** the parameter scope of the function being built (for `var`) */
    paramScope = null;
    /** names any helper assigns, and whether any helper writes array elements (argument binding) */
    allAssigned = new Set();
    anyWritesArrays = false;
    /** innermost parallel prange being built, or null */
    owner = null;
    nextPrange = 0;
    /** assignments per variable outside its declaration */
    assigns = new Map();
    /** `var` names of the function: hoisted to its top (a parameter of the same name is that parameter) */
    hoisted = new Map();
    /** `var` declarations built as `let` (see hoistVars) */
    varAsLet = new Set();
    /** `var` names given a fresh `let` in each `for (x = e; …)` loop (see splittable) */
    splitVars = new Set();
    /** `let` declarations split the same way (see splitLet) */
    splitLets = new Set();
    /** every name declared with `var` */
    varNames = new Set();
    constructor(parsed, sink, options) {
        this.parsed = parsed;
        this.sink = sink;
        this.options = options;
        initOps(this.ts);
        this.sf = parsed.sourceFile;
    }
    pos(n) {
        return this.posAt ? { start: this.posAt.start, end: this.posAt.end } : { start: n.getStart(this.sf), end: n.getEnd() };
    }
    unsupported(n, what, hint) {
        this.sink.report("PF1001", this.pos(n), [what, hint]);
    }
    build() {
        const ts = this.ts;
        const fn = this.parsed.fn;
        const name = fn.name && ts.isIdentifier(fn.name) ? fn.name.text : "anonymous";
        if (fn.asteriskToken)
            this.unsupported(fn, "A generator function", "Write a plain function.");
        if (fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) {
            this.unsupported(fn, "An async function", "Write a plain function; use `kernel.async(...)` to run it without blocking.");
        }
        this.scopes.push(new Map());
        this.helperScopes.push(new Map());
        this.exprScopes.push(new Map());
        this.paramScope = this.scopes[0];
        // what helpers assign decides how their arguments are bound: known before any is inlined
        const scanNested = (n) => {
            if (ts.isFunctionLike(n)) {
                const scan = scanFunction(ts, n);
                for (const a of scan.assigned)
                    this.allAssigned.add(a);
                if (scan.writesArrays)
                    this.anyWritesArrays = true;
            }
            n.forEachChild(scanNested);
        };
        fn.body?.forEachChild(scanNested);
        for (const [gname, g] of Object.entries(this.options.globals ?? {}))
            if (isFunctionGlobal(g))
                this.globalHelper(gname);
        const params = [];
        for (const p of fn.parameters) {
            if (!ts.isIdentifier(p.name)) {
                this.sink.report("PF1008", this.pos(p), ["(destructured)", "destructuring is not supported."]);
                continue;
            }
            const pname = p.name.text;
            if (p.dotDotDotToken)
                this.sink.report("PF1008", this.pos(p), [pname, "rest parameters are not supported."]);
            else if (p.initializer)
                this.sink.report("PF1008", this.pos(p), [pname, "default values are not supported."]);
            else if (p.questionToken)
                this.sink.report("PF1008", this.pos(p), [pname, "optional parameters are not supported."]);
            const v = this.declare(pname, this.pos(p.name), "param", false);
            params.push(v);
        }
        let body = [];
        if (fn.body && ts.isBlock(fn.body))
            body = [...this.hoistVars(fn.body), ...this.block(fn.body.statements)];
        else if (fn.body) {
            const e = this.expr(fn.body);
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
            inlined: this.inlined,
            texts: this.texts,
        };
    }
    /**
     * JavaScript's `var` (model/vars.ts decides what each name is): a `var` that behaves like a
     * `let` is built as one; a split counter gets a `let` in each of its loops; every other name
     * is declared once in the function scope, owned by no prange, with a declaration without
     * initialiser at the top of the body (undefined until assigned), and `var x = e` later is an
     * assignment. A parameter of the same name is that parameter.
     */
    hoistVars(body) {
        const plan = planVars(this.ts, this.sf, body);
        const out = [];
        for (const d of plan.asLet)
            this.varAsLet.add(d);
        for (const name of plan.names) {
            this.varNames.add(name);
            const param = this.paramScope.get(name);
            if (param)
                this.hoisted.set(name, param);
        }
        for (const name of plan.split)
            if (!this.hoisted.has(name))
                this.splitVars.add(name);
        for (const [name, d] of plan.hoisted) {
            if (this.hoisted.has(name))
                continue;
            const v = this.declare(name, this.pos(d.name), "local", false);
            this.hoisted.set(name, v);
            out.push({ k: "let", v, init: null, ...this.pos(d.name) });
        }
        return out;
    }
    // ---- helper functions (inlined at each call) -------------------------------------------
    /** A function literal that a declaration binds (`const f = (x) => …`, `= function (x) {…}`). */
    functionInit(e) {
        const ts = this.ts;
        while (ts.isParenthesizedExpression(e))
            e = e.expression;
        return ts.isArrowFunction(e) || ts.isFunctionExpression(e) ? e : null;
    }
    makeHelper(name, fn, sf, global) {
        let note;
        if (global) {
            const line = sf.getLineAndCharacterOfPosition(fn.getStart(sf)).line;
            note = ` (in the helper '${name}' from \`globals\`${line > 0 ? `, line ${line + 1} of its text` : ""})`;
        }
        else if (sf === this.parsed.sourceFile) {
            const at = this.parsed.locate(fn.getStart(sf));
            note = ` (in the helper '${name}' at line ${at.line}:${at.column})`;
        }
        else
            note = ` (in the helper '${name}')`;
        const scan = scanFunction(this.ts, fn);
        for (const a of scan.assigned)
            this.allAssigned.add(a);
        if (scan.writesArrays)
            this.anyWritesArrays = true;
        return { name, fn, sf, scopes: this.scopes.slice(), helperScopes: this.helperScopes.slice(), exprScopes: this.exprScopes.slice(), note, assigned: scan.assigned };
    }
    /** JavaScript hoists function declarations to the top of their block. */
    hoistFunctions(stmts) {
        const ts = this.ts;
        const level = this.helperScopes[this.helperScopes.length - 1];
        for (const s of stmts) {
            if (ts.isFunctionDeclaration(s) && s.name && s.body)
                level.set(s.name.text, this.makeHelper(s.name.text, s, this.sf, false));
        }
    }
    /** Parses the functions passed in `globals` (they may call each other). */
    globalHelper(name) {
        if (this.globalHelpers.has(name))
            return this.globalHelpers.get(name);
        const g = this.options.globals;
        const value = g && Object.prototype.hasOwnProperty.call(g, name) ? g[name] : undefined;
        let h = null;
        if (isFunctionGlobal(value)) {
            const parsed = parseKernel(typeof value === "function" ? functionText(value) : value.fn);
            if (typeof parsed !== "string" && parsed.fn.body) {
                const saved = [this.scopes, this.helperScopes, this.exprScopes];
                // a global sees only the other globals
                this.scopes = [];
                this.helperScopes = [];
                this.exprScopes = [];
                h = this.makeHelper(name, parsed.fn, parsed.sourceFile, true);
                [this.scopes, this.helperScopes, this.exprScopes] = saved;
            }
            else {
                this.sink.report("PF1017", this.posAt ?? { start: 0, end: 0 }, [`The global '${name}' is a function whose text does not parse`, "Pass a plain function or arrow function (its `toString()` is compiled)."]);
            }
        }
        this.globalHelpers.set(name, h);
        return h;
    }
    /** The helper a callee names, if any. */
    helperOf(callee) {
        const ts = this.ts;
        if (!ts.isIdentifier(callee))
            return null;
        const f = this.find(callee.text);
        if (f)
            return "h" in f ? f.h : null;
        return this.globalHelper(callee.text);
    }
    isCallOfHelper(e) {
        const ts = this.ts;
        while (ts.isParenthesizedExpression(e))
            e = e.expression;
        if (!ts.isCallExpression(e))
            return false;
        let c = e.expression;
        while (ts.isParenthesizedExpression(c))
            c = c.expression;
        return this.helperOf(c) !== null;
    }
    cloneCtx() {
        return { vars: new Map(), site: (array, pos) => this.newSite(array, pos) };
    }
    newSite(array, pos) {
        this.sites.push({ array: array.name, pos });
        return this.sites.length - 1;
    }
    /**
     * Inlines a call of a helper: its parameters are bound to the arguments (the argument's own
     * variable or array, a copy of a small pure argument at each use, or a fresh local), its body is
     * built in its own scope with fresh locals, and its returns set a result. In a statement the
     * body runs just before it (the statement's prelude: the helper's statements as if written
     * there by hand, so every analysis sees through the call); where the call may run zero or
     * several times (a condition, `&&`, `?:`, a loop header) the body must be straight-line code
     * and `if`s, and becomes one comma expression.
     */
    inlineCall(h, n, p) {
        const ts = this.ts;
        if (this.inlining.includes(h)) {
            const chain = this.inlining.slice(this.inlining.indexOf(h)).map((x) => `'${x.name}'`);
            const through = chain.length > 1 ? ` (through ${chain.slice(1).join(", ")})` : "";
            this.sink.report("PF1016", p, [h.name, through]);
            return null;
        }
        if (++this.inlineCount > MAX_INLINED_CALLS) {
            if (this.inlineCount === MAX_INLINED_CALLS + 1) {
                this.sink.report("PF1017", p, [`The kernel makes more than ${MAX_INLINED_CALLS} helper calls once inlined`, "Call helpers from loops rather than from many places, or fold small helpers into their callers."]);
            }
            return null;
        }
        const params = h.fn.parameters;
        for (const q of params) {
            if (!ts.isIdentifier(q.name) || q.dotDotDotToken || q.initializer) {
                this.sink.report("PF1017", p, [`The helper '${h.name}' has a parameter that is not a plain name`, "Use plain parameters (no defaults, rest or destructuring)."]);
                return null;
            }
        }
        if (n.arguments.length !== params.length || n.arguments.some((a) => ts.isSpreadElement(a))) {
            this.sink.report("PF1017", p, [`'${h.name}' is called with ${n.arguments.length} argument${n.arguments.length === 1 ? "" : "s"} and declares ${params.length}`, "Pass every parameter."]);
            return null;
        }
        const args = n.arguments.map((a) => this.expr(a));
        if (args.some((a) => a === null))
            return null;
        const callPrelude = this.prelude;
        const conditional = this.conditional > 0 || callPrelude === null;
        const at = this.posAt ?? p;
        const saved = {
            scopes: this.scopes, helperScopes: this.helperScopes, exprScopes: this.exprScopes, loops: this.loops, sf: this.sf, posAt: this.posAt,
            sink: this.sink, helperCtx: this.helperCtx, paramScope: this.paramScope, prelude: this.prelude, conditional: this.conditional,
            hoisted: this.hoisted, varAsLet: this.varAsLet, splitVars: this.splitVars, splitLets: this.splitLets, varNames: this.varNames,
        };
        if (!this.posAt)
            this.inlined.push({ start: p.start, end: p.end, note: h.note });
        this.scopes = [...h.scopes, new Map()];
        this.helperScopes = [...h.helperScopes, new Map()];
        this.exprScopes = [...h.exprScopes, new Map()];
        this.paramScope = this.scopes[this.scopes.length - 1];
        this.loops = [];
        this.sf = h.sf;
        this.posAt = at;
        this.sink = new NoteSink(saved.sink, h.note);
        this.hoisted = new Map();
        this.varAsLet = new Set();
        this.splitVars = new Set();
        this.splitLets = new Set();
        this.varNames = new Set();
        this.inlining.push(h);
        const body = [];
        /** expression-form assignments of parameters, in order */
        const seq = [];
        let result = null;
        let ok = true;
        try {
            params.forEach((q, i) => {
                const name = q.name.text;
                const a = args[i];
                const assigned = h.assigned.has(name);
                if (!assigned && a.k === "var" && !this.allAssigned.has(a.v.name)) {
                    this.paramScope.set(name, a.v); // the argument's own variable or array
                }
                else if (!assigned && pure(a) && size(a) <= 24 && (!this.anyWritesArrays || !hasLoad(a)) && !readsAny(a, this.allAssigned)) {
                    this.exprScopes[this.exprScopes.length - 1].set(name, a);
                }
                else {
                    const v = this.declare(name, at, "local", !assigned && !conditional);
                    this.countAssign(v);
                    if (conditional) {
                        callPrelude?.push({ k: "let", v, init: null, ...at });
                        seq.push({ k: "assign", op: "=", target: v, value: a, ...at });
                    }
                    else
                        body.push({ k: "let", v, init: a, ...at });
                }
            });
            const fb = h.fn.body;
            this.prelude = body;
            this.conditional = 0;
            if (!ts.isBlock(fb)) {
                result = this.expr(fb);
                ok = result !== null;
            }
            else {
                const stmts = fb.statements;
                this.scopes.push(new Map());
                this.helperScopes.push(new Map());
                this.exprScopes.push(new Map());
                body.push(...this.hoistVars(fb));
                this.hoistFunctions(stmts);
                const returns = returnsOf(ts, fb);
                const last = stmts[stmts.length - 1];
                if (returns.length === 1 && last && ts.isReturnStatement(last) && last.expression) {
                    // straight-line: the returned expression is the call's value
                    for (const s of stmts.slice(0, -1))
                        this.stmt(s, body, null);
                    this.prelude = body;
                    this.conditional = 0;
                    result = this.expr(last.expression);
                    ok = result !== null;
                }
                else {
                    const r = this.declare("return", at, "local", false);
                    body.push({ k: "let", v: r, init: null, ...at });
                    this.helperCtx = { result: r, exit: null };
                    this.helperSeq(stmts, 0, body);
                    result = returns.some((x) => x.expression) ? { k: "var", v: r, ...at } : { k: "num", value: NaN, ...at };
                    r.used = true;
                }
            }
        }
        finally {
            this.inlining.pop();
            Object.assign(this, saved);
        }
        if (!ok || !result)
            return null;
        if (conditional) {
            const es = this.toExprs(body, callPrelude);
            if (!es) {
                this.sink.report("PF1017", p, [
                    `'${h.name}' has a loop or an early return and is called where it may run zero or several times (a condition, a loop header, \`&&\`, \`||\`, \`?:\`)`,
                    "Call it in a statement of its own before (`const r = " + h.name + "(…);`) and use the result.",
                ]);
                return null;
            }
            const all = [...seq, ...es, result];
            return all.length === 1 ? result : { k: "comma", es: all, ...at };
        }
        callPrelude.push(...body);
        if ((effects(body).size > 0 || (body.length > 0 && !pure(result))) && !(result.k === "var" || result.k === "num" || result.k === "bool")) {
            // the value is taken right after the body's effects, not when the statement reads it (and a
            // returned `Atomics.add(…)` runs right after the body, as the helper's last step)
            const t = this.declare(h.name, at, "local", true);
            callPrelude.push({ k: "let", v: t, init: result, ...at });
            t.used = true;
            return { k: "var", v: t, ...at };
        }
        return result;
    }
    /**
     * A helper's statements with returns: `if (c) return a; rest` becomes `if (c) r = a; else
     * { rest }` (and so on down the branches); a return nested anywhere else (in a loop) puts the
     * rest of the body in a one-trip loop that the return leaves with a break.
     */
    helperSeq(stmts, from, out) {
        const ts = this.ts;
        const ctx = this.helperCtx;
        for (let i = from; i < stmts.length; i++) {
            const s = stmts[i];
            if (ts.isReturnStatement(s)) {
                this.stmt(s, out, null);
                return;
            }
            if (!hasReturn(ts, s)) {
                this.stmt(s, out, null);
                continue;
            }
            if (ts.isIfStatement(s) && ctx.exit === null) {
                const tRet = alwaysReturns(ts, s.thenStatement);
                const fRet = s.elseStatement !== undefined && alwaysReturns(ts, s.elseStatement);
                if (tRet || fRet) {
                    const rest = stmts.slice(i + 1);
                    const branch = (b, returns) => this.scoped(() => {
                        const list = [...(b ? (ts.isBlock(b) ? b.statements : [b]) : []), ...(returns ? [] : rest)];
                        this.hoistFunctions(list);
                        const o = [];
                        this.helperSeq(list, 0, o);
                        return o;
                    });
                    const pre = [];
                    const savedPre = this.prelude;
                    this.prelude = pre;
                    const c = this.expr(s.expression);
                    this.prelude = savedPre;
                    out.push(...pre);
                    const t = branch(s.thenStatement, tRet);
                    const f = branch(s.elseStatement, fRet);
                    if (c)
                        out.push({ k: "if", c, t, f, ...this.pos(s) });
                    return;
                }
            }
            // the rest of the body inside a one-trip loop that returns break out of
            const exit = { k: "loop", kind: "do", init: [], cond: { k: "bool", value: false, ...this.pos(s) }, update: null, body: [], label: null, ...this.pos(s) };
            const savedExit = ctx.exit;
            ctx.exit = exit;
            this.loops.push({ node: exit, label: "\u0000return" });
            const inner = [];
            for (let j = i; j < stmts.length; j++)
                this.stmt(stmts[j], inner, null);
            this.loops.pop();
            ctx.exit = savedExit;
            out.push(Object.assign(exit, { body: inner }));
            return;
        }
    }
    helperReturn(s, out) {
        const ctx = this.helperCtx;
        const p = this.pos(s);
        if (this.loops.some((l) => l.node.k === "prange")) {
            this.sink.report("PF1004", p);
            return;
        }
        const e = s.expression ? this.expr(s.expression) : { k: "num", value: NaN, ...p };
        if (!e)
            return;
        if (ctx.result) {
            this.countAssign(ctx.result);
            out.push({ k: "expr", e: { k: "assign", op: "=", target: ctx.result, value: e, ...p }, ...p });
        }
        if (ctx.exit)
            out.push({ k: "break", target: ctx.exit, ...p });
    }
    /** A helper body as expressions (declarations moved to `decls`), or null when it has loops or jumps. */
    toExprs(body, decls) {
        const es = [];
        for (const s of body) {
            if (s.k === "let") {
                s.v.isConst = false;
                if (!decls)
                    return null;
                decls.push({ k: "let", v: s.v, init: null, start: s.start, end: s.end });
                if (s.init) {
                    this.countAssign(s.v);
                    es.push({ k: "assign", op: "=", target: s.v, value: s.init, start: s.start, end: s.end });
                }
            }
            else if (s.k === "expr")
                es.push(s.e);
            else if (s.k === "block") {
                const inner = this.toExprs(s.body, decls);
                if (!inner)
                    return null;
                es.push(...inner);
            }
            else if (s.k === "if") {
                const zero = () => ({ k: "num", value: 0, start: s.start, end: s.end });
                const t = this.toExprs(s.t, decls);
                const f = this.toExprs(s.f, decls);
                if (!t || !f)
                    return null;
                const arm = (xs) => (xs.length === 0 ? zero() : { k: "comma", es: [...xs, zero()], start: s.start, end: s.end });
                es.push({ k: "cond", c: s.c, t: arm(t), f: arm(f), start: s.start, end: s.end });
            }
            else
                return null;
        }
        return es;
    }
    /**
     * A statement whose helper calls ran before it (`pre`) must not read or change, in the rest of
     * the statement, what those helpers change: the statement's other parts would then see the
     * helpers' effects too early or too late.
     */
    checkPrelude(pre, built, s) {
        const fresh = new Set();
        forEachStmt(pre, (x) => {
            if (x.k === "let")
                fresh.add(x.v);
        });
        const changed = effects(pre, fresh);
        const heads = [];
        for (const b of built) {
            if (b.k === "expr") {
                const e = b.e;
                if (e.k === "assign") {
                    heads.push(e.value);
                    if (e.op !== "=" && changed.has(e.target))
                        heads.push({ k: "var", v: e.target, start: e.start, end: e.end });
                }
                else if (e.k === "store") {
                    heads.push(e.ref.index, e.value);
                    if (e.op !== "=" && changed.has(e.ref.array))
                        heads.push({ k: "load", ref: e.ref, start: e.start, end: e.end });
                }
                else
                    heads.push(e);
            }
            else if (b.k === "let" && b.init)
                heads.push(b.init);
            else if (b.k === "if")
                heads.push(b.c);
            else if (b.k === "return" && b.e)
                heads.push(b.e);
            else if (b.k === "prange")
                heads.push(b.rangeStart, b.rangeStop, b.rangeStep);
        }
        let bad = null;
        for (const h of heads) {
            visitExpr(h, (x) => {
                if (bad)
                    return;
                if ((x.k === "assign" || x.k === "update") && !fresh.has(x.target))
                    bad = `changes '${x.target.name}'`;
                else if (x.k === "store" || x.k === "updateElem" || (x.k === "atomic" && x.op !== "load"))
                    bad = `writes '${x.ref.array.name}'`;
                else if (x.k === "var" && changed.has(x.v))
                    bad = `reads '${x.v.name}', which the helper changes`;
                else if ((x.k === "load" || x.k === "atomic") && changed.has(x.ref.array))
                    bad = `reads '${x.ref.array.name}', which the helper writes`;
            });
        }
        if (bad) {
            this.sink.report("PF1017", this.pos(s), [
                `A statement that calls a helper with statements in its body also ${bad}`,
                "The helper's body runs before the rest of the statement: call it in a statement of its own (`const r = f(…);`) and use the result.",
            ]);
        }
    }
    declare(name, pos, kind, isConst) {
        const v = { id: this.vars.length, name, pos, kind, owner: this.owner, isConst };
        this.vars.push(v);
        this.scopes[this.scopes.length - 1].set(name, v);
        return v;
    }
    /** What a name means where it is used: a variable, a substituted argument, or a helper. */
    find(name) {
        for (let i = this.scopes.length - 1; i >= 0; i--) {
            const v = this.scopes[i].get(name);
            if (v)
                return { v };
            const e = this.exprScopes[i]?.get(name);
            if (e)
                return { e };
            const h = this.helperScopes[i]?.get(name);
            if (h)
                return { h };
        }
        return undefined;
    }
    lookup(name) {
        const f = this.find(name);
        if (f && "v" in f) {
            f.v.used = true;
            return f.v;
        }
        return undefined;
    }
    /** Whether `name` is bound to anything in the kernel (a variable, an argument or a helper). */
    bound(name) {
        return this.find(name) !== undefined;
    }
    scoped(f) {
        this.scopes.push(new Map());
        this.helperScopes.push(new Map());
        this.exprScopes.push(new Map());
        try {
            return f();
        }
        finally {
            this.scopes.pop();
            this.helperScopes.pop();
            this.exprScopes.pop();
        }
    }
    block(stmts) {
        return this.scoped(() => {
            this.hoistFunctions(stmts);
            const out = [];
            for (const s of stmts)
                this.stmt(s, out, null);
            return out;
        });
    }
    body(s) {
        const ts = this.ts;
        if (ts.isBlock(s))
            return this.block(s.statements);
        return this.scoped(() => {
            this.hoistFunctions([s]);
            const out = [];
            this.stmt(s, out, null);
            return out;
        });
    }
    stmt(s, out, label) {
        const saved = this.prelude;
        const savedCond = this.conditional;
        const pre = [];
        this.prelude = pre;
        this.conditional = 0;
        const mark = out.length;
        try {
            this.stmtInner(s, out, label);
        }
        finally {
            this.prelude = saved;
            this.conditional = savedCond;
        }
        if (pre.length > 0) {
            this.checkPrelude(pre, out.slice(mark), s);
            out.splice(mark, 0, ...pre);
        }
    }
    stmtInner(s, out, label) {
        const ts = this.ts;
        const p = this.pos(s);
        if (ts.isVariableStatement(s)) {
            this.varDecls(s.declarationList, out);
        }
        else if (ts.isExpressionStatement(s) && this.fillStmt(s.expression, out)) {
            // `a.fill(v)`: built as a loop
        }
        else if (ts.isExpressionStatement(s)) {
            const e = this.expr(s.expression);
            // a helper called for its effects: its value (a pure read) is dropped
            if (e && !(this.isCallOfHelper(s.expression) && pure(e)))
                out.push({ k: "expr", e, ...p });
        }
        else if (ts.isIfStatement(s)) {
            const c = this.expr(s.expression);
            const t = this.body(s.thenStatement);
            const f = s.elseStatement ? this.body(s.elseStatement) : [];
            if (c)
                out.push({ k: "if", c, t, f, ...p });
        }
        else if (ts.isBlock(s)) {
            out.push({ k: "block", body: this.block(s.statements), ...p });
        }
        else if (ts.isForStatement(s)) {
            out.push(this.forStmt(s, label));
        }
        else if (ts.isWhileStatement(s) || ts.isDoStatement(s)) {
            const node = {
                k: "loop",
                kind: ts.isWhileStatement(s) ? "while" : "do",
                init: [],
                cond: null,
                update: null,
                body: [],
                label,
                ...p,
            };
            this.conditional++;
            const cond = this.expr(s.expression);
            this.conditional--;
            this.loops.push({ node, label });
            const body = this.body(s.statement);
            this.loops.pop();
            out.push(Object.assign(node, { cond, body }));
        }
        else if (ts.isForOfStatement(s) && !this.overPrange(s)) {
            const loop = this.forOfArray(s, label);
            if (loop)
                out.push(loop);
        }
        else if (ts.isForOfStatement(s)) {
            const pr = this.prangeStmt(s, label);
            if (pr)
                out.push(pr);
        }
        else if (ts.isBreakStatement(s) || ts.isContinueStatement(s)) {
            this.jump(s, out);
        }
        else if (ts.isReturnStatement(s) && this.helperCtx) {
            this.helperReturn(s, out);
        }
        else if (ts.isReturnStatement(s)) {
            if (this.loops.some((l) => l.node.k === "prange")) {
                this.sink.report("PF1004", p);
                return;
            }
            const e = s.expression ? this.expr(s.expression) : null;
            this.returns.push({ ...p, e });
            out.push({ k: "return", e, ...p });
        }
        else if (ts.isLabeledStatement(s)) {
            const inner = s.statement;
            if (ts.isForStatement(inner) || ts.isForOfStatement(inner) || ts.isWhileStatement(inner) || ts.isDoStatement(inner)) {
                this.stmt(inner, out, s.label.text);
            }
            else
                this.unsupported(s, "A label on a statement that is not a loop", "Label loops only.");
        }
        else if (ts.isEmptyStatement(s)) {
            // nothing
        }
        else if (ts.isSwitchStatement(s)) {
            const sw = this.switchStmt(s);
            if (sw)
                out.push(sw);
        }
        else if (ts.isFunctionDeclaration(s)) {
            // a helper: registered where its block starts (hoistFunctions), inlined where it is called
            if (!s.name || !s.body)
                this.unsupported(s, "A function declaration without a name or body", "Declare `function name(x) { … }`.");
        }
        else if (ts.isThrowStatement(s) || ts.isTryStatement(s)) {
            this.unsupported(s, ts.isThrowStatement(s) ? "'throw'" : "'try'", "Kernels cannot raise or catch exceptions; check inputs before the call.");
        }
        else if (ts.isForInStatement(s)) {
            this.unsupported(s, "'for ... in'", "Use a counted for loop or prange.");
        }
        else {
            this.unsupported(s, `This statement (${ts.SyntaxKind[s.kind]})`, "Use let/const, if/else, loops and assignments.");
        }
    }
    varDecls(list, out) {
        const ts = this.ts;
        const flags = list.flags;
        const isConst = (flags & ts.NodeFlags.Const) !== 0;
        const isVar = (flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) === 0;
        for (const d of list.declarations) {
            if (!ts.isIdentifier(d.name)) {
                this.unsupported(d, "Destructuring", "Declare one variable per name.");
                // its names are declared all the same, so that their uses are not reported as undefined too
                const names = (b) => {
                    if (ts.isIdentifier(b))
                        this.declare(b.text, this.pos(b), "local", false);
                    else
                        for (const el of b.elements)
                            if (!ts.isOmittedExpression(el))
                                names(el.name);
                };
                names(d.name);
                continue;
            }
            const fnInit = d.initializer ? this.functionInit(d.initializer) : null;
            if (fnInit) {
                // `const f = (x) => …`: a helper, inlined where it is called
                this.helperScopes[this.helperScopes.length - 1].set(d.name.text, this.makeHelper(d.name.text, fnInit, this.sf, false));
                continue;
            }
            if (isVar && d.initializer && this.splitVars.has(d.name.text) && this.freshCounter(d.name.text)) {
                // `for (var j = e; …)` of a split var: this loop's own `let j = e`
                const init = this.expr(d.initializer);
                const v = this.declare(d.name.text, this.pos(d.name), "local", false);
                if (init)
                    out.push({ k: "let", v, init, ...this.pos(d) });
                continue;
            }
            if (isVar && !this.varAsLet.has(d)) {
                // hoisted: `var x = e` assigns the function's x; `var x;` does nothing
                const v = this.hoisted.get(d.name.text);
                if (!v || !d.initializer)
                    continue;
                const value = this.expr(d.initializer);
                if (!value)
                    continue;
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
            if (!isConst && !d.initializer && splitLet(this.ts, this.sf, d))
                this.splitLets.add(v);
        }
    }
    /**
     * Whether `for (name = e; …)` gets its own binding: the name in scope is a split `let`, or no
     * binding is in scope and it is a split `var` (another binding in scope takes the assignment,
     * as in JavaScript).
     */
    freshCounter(name) {
        for (let i = this.scopes.length - 1; i >= 0; i--) {
            const v = this.scopes[i].get(name);
            if (v)
                return this.splitLets.has(v);
        }
        return this.splitVars.has(name);
    }
    forStmt(s, label) {
        const ts = this.ts;
        return this.scoped(() => {
            const init = [];
            // helpers called in the initialiser are inlined as expressions (see inlineCall)
            this.conditional++;
            try {
                this.forInit(s, init);
            }
            finally {
                this.conditional--;
            }
            this.conditional++;
            const cond = s.condition ? this.expr(s.condition) : null;
            const update = s.incrementor ? this.expr(s.incrementor) : null;
            this.conditional--;
            const node = { k: "loop", kind: "for", init, cond, update, body: [], label, ...this.pos(s) };
            this.loops.push({ node, label });
            const body = this.body(s.statement);
            this.loops.pop();
            const loop = Object.assign(node, { body });
            this.detectCounter(loop);
            return loop;
        });
    }
    forInit(s, init) {
        const ts = this.ts;
        {
            if (s.initializer) {
                const split = counterAssign(this.ts, s);
                if (ts.isVariableDeclarationList(s.initializer))
                    this.varDecls(s.initializer, init);
                else if (split !== null && this.freshCounter(split)) {
                    // this loop's own binding of a split var or let: `for (j = e; …)` as `for (let j = e; …)`
                    const a = s.initializer;
                    const value = this.expr(a.right);
                    const v = this.declare(split, this.pos(a.left), "local", false);
                    if (value)
                        init.push({ k: "let", v, init: value, ...this.pos(a) });
                }
                else {
                    const e = this.expr(s.initializer);
                    if (e)
                        init.push({ k: "expr", e, ...this.pos(s.initializer) });
                }
            }
        }
    }
    /** Marks `for (let j = A; j < B; j++)`-shaped counters whose only other assignment is the update. */
    detectCounter(loop) {
        const first = loop.init[0];
        if (loop.init.length !== 1 || !first || first.k !== "let" || !first.init || !loop.cond || !loop.update)
            return;
        const v = first.v;
        const c = loop.cond;
        if (c.k !== "binary")
            return;
        let cmp;
        let bound;
        const flip = { "<": ">", "<=": ">=", ">": "<", ">=": "<=" };
        if (c.l.k === "var" && c.l.v === v && (c.op === "<" || c.op === "<=" || c.op === ">" || c.op === ">=")) {
            cmp = c.op;
            bound = c.r;
        }
        else if (c.r.k === "var" && c.r.v === v && (c.op === "<" || c.op === "<=" || c.op === ">" || c.op === ">=")) {
            cmp = flip[c.op];
            bound = c.l;
        }
        else
            return;
        const u = loop.update;
        let step;
        if (u.k === "update" && u.target === v)
            step = u.op === "++" ? 1 : -1;
        else if (u.k === "assign" && u.target === v && (u.op === "+=" || u.op === "-=") && u.value.k === "num" && Number.isInteger(u.value.value) && u.value.value > 0 && u.value.value < 2 ** 20) {
            step = u.op === "+=" ? u.value.value : -u.value.value;
        }
        else
            return;
        if ((cmp === "<" || cmp === "<=") !== step > 0)
            return;
        if ((this.assigns.get(v) ?? 0) !== 1)
            return;
        if (exprMentions(bound, v))
            return;
        v.counter = { init: first.init, bound, cmp, step };
    }
    /**
     * `switch (d) { case a: …; case b: …; default: … }` as a loop that runs once: `at` is the index
     * of the first clause whose test is `=== d` (tests evaluated in order, as JavaScript does, then
     * the default's index, or -1), and clause k's statements run when `0 <= at <= k`: execution
     * starts at clause `at` and falls through until a `break`, which leaves the loop.
     */
    switchStmt(s) {
        const ts = this.ts;
        const p = this.pos(s);
        const d = this.expr(s.expression);
        if (!d)
            return null;
        const clauses = s.caseBlock.clauses;
        return this.scoped(() => {
            const disc = this.declare("switch#value", p, "local", true);
            const at = this.declare("switch#clause", p, "local", true);
            const v = (x) => ({ k: "var", v: x, ...p });
            const num = (n) => ({ k: "num", value: n, ...p });
            let pick = num(clauses.findIndex((c) => ts.isDefaultClause(c)));
            for (let i = clauses.length - 1; i >= 0; i--) {
                const c = clauses[i];
                if (ts.isDefaultClause(c))
                    continue;
                this.conditional++;
                const test = this.expr(c.expression);
                this.conditional--;
                if (!test)
                    return null;
                const cp = this.pos(c.expression);
                pick = { k: "cond", c: { k: "binary", op: "===", l: v(disc), r: test, ...cp }, t: num(i), f: pick, ...cp };
            }
            const node = { k: "loop", kind: "do", init: [], cond: { k: "bool", value: false, ...p }, update: null, body: [], label: null, ...p };
            this.loops.push({ node, label: null, isSwitch: true });
            const body = [
                { k: "let", v: disc, init: d, ...p },
                { k: "let", v: at, init: pick, ...p },
            ];
            try {
                this.hoistFunctions(clauses.flatMap((c) => [...c.statements]));
                clauses.forEach((c, i) => {
                    const cp = this.pos(c);
                    const out = [];
                    this.conditional++;
                    for (const st of c.statements)
                        this.stmt(st, out, null);
                    this.conditional--;
                    if (out.length === 0)
                        return;
                    const runs = i === 0 ? { k: "binary", op: "===", l: v(at), r: num(0), ...cp } : { k: "logical", op: "&&", l: { k: "binary", op: ">=", l: v(at), r: num(0), ...cp }, r: { k: "binary", op: "<=", l: v(at), r: num(i), ...cp }, ...cp };
                    body.push({ k: "if", c: runs, t: out, f: [], ...cp });
                });
            }
            finally {
                this.loops.pop();
            }
            return Object.assign(node, { body });
        });
    }
    /** Whether a for-of iterates prange(...) (else it may iterate a typed array). */
    overPrange(s) {
        const ts = this.ts;
        let e = s.expression;
        while (ts.isParenthesizedExpression(e))
            e = e.expression;
        return ts.isCallExpression(e) && this.isPrangeCallee(e.expression);
    }
    /**
     * `for (const x of a)` over a typed array: a serial counted loop, `for (let k = 0; k < a.length;
     * k++) { const x = a[k]; … }` (k hidden), as JavaScript iterates a typed array: every element
     * in order, read when its iteration starts.
     */
    forOfArray(s, label) {
        const ts = this.ts;
        const p = this.pos(s);
        const init = s.initializer;
        const fix = "Write `for (const x of a)` over a typed array, or a counted for loop (`for (let i = 0; i < a.length; i++)`).";
        let e = s.expression;
        while (ts.isParenthesizedExpression(e))
            e = e.expression;
        if (s.awaitModifier) {
            this.unsupported(s, "'for await'", fix);
            return null;
        }
        if (!ts.isIdentifier(e)) {
            this.unsupported(s.expression, "'for ... of' over anything but prange(...) or a typed array", fix);
            return null;
        }
        if (!ts.isVariableDeclarationList(init) || init.declarations.length !== 1 || !ts.isIdentifier(init.declarations[0].name) || init.declarations[0].initializer) {
            this.unsupported(init, "This for-of loop variable", fix);
            return null;
        }
        const decl = init.declarations[0];
        const isVar = (init.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) === 0;
        if (isVar) {
            this.unsupported(init, "A for-of loop variable declared with var", fix);
            return null;
        }
        const arr = this.arrayParam(e, s.expression, "'for ... of' over", fix);
        if (!arr)
            return null;
        return this.scoped(() => {
            const at = this.pos(s.expression);
            const k = this.declare(`${decl.name.text}#index`, at, "local", false);
            const kv = () => ({ k: "var", v: k, ...at });
            const node = { ...overArray(k, arr, at, label), ...p };
            this.countAssign(k);
            this.loops.push({ node, label });
            const body = this.scoped(() => {
                const x = this.declare(decl.name.text, this.pos(decl.name), "local", (init.flags & ts.NodeFlags.Const) !== 0);
                const out = [{ k: "let", v: x, init: { k: "load", ref: this.site(arr, kv(), s.expression), ...at }, ...this.pos(decl) }];
                const stmts = ts.isBlock(s.statement) ? s.statement.statements : [s.statement];
                this.hoistFunctions(stmts);
                for (const st of stmts)
                    this.stmt(st, out, null);
                return out;
            });
            this.loops.pop();
            const loop = Object.assign(node, { body });
            this.detectCounter(loop);
            return loop;
        });
    }
    prangeStmt(s, label) {
        const ts = this.ts;
        const p = this.pos(s);
        let e = s.expression;
        while (ts.isParenthesizedExpression(e))
            e = e.expression;
        if (!ts.isCallExpression(e) || !this.isPrangeCallee(e.expression)) {
            this.unsupported(s.expression, "'for ... of' over anything but prange(...)", "Iterate with `for (const i of prange(n))` or a counted for loop.");
            return null;
        }
        if (s.awaitModifier)
            this.unsupported(s, "'for await'", "Use `for (const i of prange(n))`.");
        const init = s.initializer;
        if (ts.isVariableDeclarationList(init) && (init.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) === 0) {
            this.unsupported(init, "A prange loop variable declared with var", "Write `for (const i of prange(n))`.");
            return null;
        }
        if (!ts.isVariableDeclarationList(init) || init.declarations.length !== 1 || !ts.isIdentifier(init.declarations[0].name)) {
            this.unsupported(init, "This prange loop variable", "Write `for (const i of prange(n))`.");
            return null;
        }
        const args = e.arguments.map((a) => this.expr(a));
        if (args.length < 1 || args.length > 3 || e.arguments.some((a) => ts.isSpreadElement(a))) {
            this.unsupported(e, `prange with ${args.length} arguments`, "Call prange(stop), prange(start, stop) or prange(start, stop, step).");
            return null;
        }
        if (args.some((a) => a === null))
            return null;
        const [a0, a1, a2] = args;
        const callPos = this.pos(e);
        const num = (value) => ({ k: "num", value, ...callPos });
        const start = args.length === 1 ? num(0) : a0;
        const stop = args.length === 1 ? a0 : a1;
        const step = args.length === 3 ? a2 : num(1);
        const serial = this.owner !== null;
        const decl = init.declarations[0];
        const node = {
            k: "prange",
            id: serial ? -1 : this.nextPrange++,
            index: undefined,
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
        if (!serial)
            this.owner = node;
        const result = this.scoped(() => {
            const index = this.declare(decl.name.text, this.pos(decl.name), "index", true);
            this.loops.push({ node, label });
            const body = this.body(s.statement);
            this.loops.pop();
            return Object.assign(node, { index, body });
        });
        this.owner = outerOwner;
        if (!serial)
            this.pranges.push(result);
        return result;
    }
    /** `prange`, `x.prange`, `(0, x.prange)`: the forms bundlers and test runners leave behind. */
    isPrangeCallee(e) {
        const ts = this.ts;
        while (ts.isParenthesizedExpression(e))
            e = e.expression;
        if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken)
            return this.isPrangeCallee(e.right);
        if (ts.isIdentifier(e))
            return e.text === "prange" && !this.lookup("prange");
        if (ts.isPropertyAccessExpression(e))
            return e.name.text === "prange" && ts.isIdentifier(e.expression) && !this.lookup(e.expression.text);
        return false;
    }
    jump(s, out) {
        const ts = this.ts;
        const isBreak = ts.isBreakStatement(s);
        const label = s.label?.text ?? null;
        let target;
        let crossesPrange = false;
        for (let i = this.loops.length - 1; i >= 0; i--) {
            const l = this.loops[i];
            if (l.isSwitch && (label !== null || !isBreak))
                continue;
            if (label === null || l.label === label) {
                target = l;
                break;
            }
            if (l.node.k === "prange")
                crossesPrange = true;
        }
        if (!target) {
            this.unsupported(s, `'${isBreak ? "break" : "continue"}' outside a loop`, "Use break/continue inside loops only.");
            return;
        }
        const p = this.pos(s);
        if (crossesPrange || (isBreak && target.node.k === "prange")) {
            if (isBreak)
                this.sink.report("PF1005", p);
            else
                this.unsupported(s, "'continue' to a loop outside the prange", "Continue only the prange loop itself or loops inside it.");
            return;
        }
        out.push({ k: isBreak ? "break" : "continue", target: target.node, ...p });
    }
    countAssign(v) {
        this.assigns.set(v, (this.assigns.get(v) ?? 0) + 1);
    }
    /** An assignable name; reports constants, parameters that are arrays, loop indices. */
    targetVar(n) {
        const ts = this.ts;
        if (!ts.isIdentifier(n))
            return null;
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
    elemRef(n) {
        const v = this.arrayParam(n.expression, n, "Indexing", "Index typed-array parameters directly: `a[i]`.");
        if (!v)
            return null;
        const index = this.expr(n.argumentExpression);
        if (!index)
            return null;
        return this.site(v, index, n);
    }
    /** The array `obj` names (`what` says how it is used, for the diagnostics; `paramOnly`: a parameter). */
    arrayParam(obj, n, what, fix, paramOnly = false) {
        const ts = this.ts;
        while (ts.isParenthesizedExpression(obj))
            obj = obj.expression;
        if (!ts.isIdentifier(obj)) {
            this.unsupported(n, `${what} anything but an array parameter`, fix);
            return null;
        }
        const v = this.lookup(obj.text);
        if (!v) {
            this.sink.report("PF1002", this.pos(obj), [obj.text]);
            return null;
        }
        if (v.kind === "index" || (paramOnly && v.kind !== "param")) {
            this.unsupported(n, `${what} '${v.name}'`, paramOnly ? "Atomics take a typed-array parameter of the kernel (not an array variable)." : "Only typed arrays (parameters and array variables) can be indexed.");
            return null;
        }
        v.array ??= "Float64Array"; // provisional: the signature (or analysis/arrays.ts for a local) decides the element type
        return v;
    }
    site(v, index, n) {
        const site = this.sites.length;
        this.sites.push({ array: v.name, pos: this.pos(n) });
        return { array: v, index, site };
    }
    /** `Atomics.op(a, index, ...values)` on an array parameter (the element type is checked with the signature). */
    atomicCall(n, name, p) {
        const ts = this.ts;
        if (!Object.prototype.hasOwnProperty.call(ATOMIC_ARITY, name)) {
            this.sink.report("PF1012", p, [`Atomics.${name}`, "Atomics"]);
            return null;
        }
        const op = name;
        const want = 2 + ATOMIC_ARITY[op];
        if (n.arguments.length !== want || n.arguments.some((a) => ts.isSpreadElement(a))) {
            this.unsupported(n, `Atomics.${op} with ${n.arguments.length} argument${n.arguments.length === 1 ? "" : "s"}`, `Pass ${want} arguments: the array, the index${want > 2 ? (op === "compareExchange" ? ", the expected value and the replacement" : " and the value") : ""}.`);
            return null;
        }
        const v = this.arrayParam(n.arguments[0], n, `Atomics.${op} on`, "Pass a typed-array parameter: `Atomics.add(a, i, 1)`.", true);
        if (!v)
            return null;
        v.atomic = true;
        const index = this.expr(n.arguments[1]);
        const args = n.arguments.slice(2).map((a) => this.expr(a));
        if (!index || args.some((a) => a === null))
            return null;
        return { k: "atomic", op, ref: this.site(v, index, n), args: args, ...p };
    }
    expr(n) {
        const e = this.exprInner(n);
        if (e && this.posAt)
            this.texts.set(e, n.getText(this.sf));
        return e;
    }
    exprInner(n) {
        const ts = this.ts;
        const p = this.pos(n);
        const K = ts.SyntaxKind;
        if (ts.isParenthesizedExpression(n))
            return this.expr(n.expression);
        if (ts.isAsExpression(n) || ts.isTypeAssertionExpression(n) || ts.isNonNullExpression(n) || ts.isSatisfiesExpression(n)) {
            return this.expr(n.expression);
        }
        if (ts.isNumericLiteral(n))
            return { k: "num", value: Number(n.text), ...p };
        if (n.kind === K.TrueKeyword || n.kind === K.FalseKeyword)
            return { k: "bool", value: n.kind === K.TrueKeyword, ...p };
        if (ts.isIdentifier(n))
            return this.ident(n);
        if (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) {
            const op = n.operator;
            if (op === K.PlusPlusToken || op === K.MinusMinusToken) {
                const upd = op === K.PlusPlusToken ? "++" : "--";
                const prefix = ts.isPrefixUnaryExpression(n);
                let operand = n.operand;
                while (ts.isParenthesizedExpression(operand))
                    operand = operand.expression;
                if (ts.isElementAccessExpression(operand)) {
                    const ref = this.elemRef(operand);
                    return ref ? { k: "updateElem", op: upd, prefix, ref, ...p } : null;
                }
                const target = this.targetVar(operand);
                if (!target && !ts.isIdentifier(operand))
                    this.unsupported(operand, "This update target", "Update a variable or an array element.");
                return target ? { k: "update", op: upd, prefix, target, ...p } : null;
            }
            const e = this.expr(n.operand);
            if (!e)
                return null;
            const uop = op === K.MinusToken ? "-" : op === K.PlusToken ? "+" : op === K.ExclamationToken ? "!" : op === K.TildeToken ? "~" : null;
            if (!uop)
                return null;
            return { k: "unary", op: uop, e, ...p };
        }
        if (ts.isBinaryExpression(n))
            return this.binary(n, p);
        if (ts.isConditionalExpression(n)) {
            const c = this.expr(n.condition);
            this.conditional++;
            const t = this.expr(n.whenTrue);
            const f = this.expr(n.whenFalse);
            this.conditional--;
            return c && t && f ? { k: "cond", c, t, f, ...p } : null;
        }
        if (ts.isElementAccessExpression(n)) {
            const ref = this.elemRef(n);
            return ref ? { k: "load", ref, ...p } : null;
        }
        if (ts.isPropertyAccessExpression(n))
            return this.member(n, p);
        if (ts.isCallExpression(n))
            return this.call(n, p);
        if (ts.isNewExpression(n)) {
            const made = this.newArray(n, p);
            if (made !== undefined)
                return made;
        }
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
    ident(n) {
        const p = this.pos(n);
        const v = this.lookup(n.text);
        if (v) {
            if (v.kind === "param" && v.array === undefined) {
                // may still become an array if indexed elsewhere; the type phase reports misuse
            }
            return { k: "var", v, ...p };
        }
        if (n.text === "Infinity")
            return { k: "num", value: Infinity, ...p };
        if (n.text === "NaN")
            return { k: "num", value: NaN, ...p };
        const found = this.find(n.text);
        if (found && "e" in found) {
            // a helper's parameter bound to a pure argument: a copy of the argument at each use
            return cloneExpr(found.e, this.cloneCtx());
        }
        if (found && "h" in found) {
            this.sink.report("PF1017", p, [`'${n.text}' is a function used as a value`, "A kernel can call its helper functions (`" + n.text + "(x)`) but not pass or store them."]);
            return null;
        }
        const g = this.options.globals;
        if (g && Object.prototype.hasOwnProperty.call(g, n.text)) {
            const value = g[n.text];
            if (isFunctionGlobal(value)) {
                this.sink.report("PF1017", p, [`'${n.text}' is a function used as a value`, "A kernel can call its helper functions (`" + n.text + "(x)`) but not pass or store them."]);
                return null;
            }
            if (typeof value === "boolean")
                return { k: "bool", value, ...p };
            if (typeof value === "number")
                return { k: "num", value, ...p };
        }
        if (n.text === "undefined") {
            this.unsupported(n, "'undefined'", "Kernels compute with numbers and booleans; use NaN or a flag.");
            return null;
        }
        this.sink.report("PF1002", p, [n.text]);
        return null;
    }
    member(n, p) {
        const ts = this.ts;
        const obj = n.expression;
        const prop = n.name.text;
        if (ts.isIdentifier(obj)) {
            const v = this.lookup(obj.text);
            if (v) {
                if (prop === "length" && v.kind !== "index") {
                    v.array ??= "Float64Array";
                    return { k: "length", array: v, ...p };
                }
                this.unsupported(n, `'.${prop}' of '${v.name}'`, "Only `.length` of a typed array can be read.");
                return null;
            }
            if (obj.text === "Math" && !this.lookup("Math")) {
                const c = MATH_CONSTANTS[prop];
                if (c !== undefined)
                    return { k: "num", value: c, ...p };
                this.sink.report("PF1012", p, [`Math.${prop}`, "Math"]);
                return null;
            }
            if (obj.text === "Number") {
                const c = NUMBER_CONSTANTS[prop];
                if (c !== undefined)
                    return { k: "num", value: c, ...p };
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
    call(n, p) {
        const ts = this.ts;
        let callee = n.expression;
        while (ts.isParenthesizedExpression(callee))
            callee = callee.expression;
        let fn = null;
        const helper = this.helperOf(callee);
        if (helper)
            return this.inlineCall(helper, n, p);
        if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && this.lookup(callee.expression.text)) {
            const name = callee.name.text;
            this.sink.report("PF1018", p, [
                `'.${name}(…)' of '${callee.expression.text}'` + (name === "fill" ? " used as a value" : ""),
                name === "fill" ? "Call `.fill(value)` in a statement of its own." : "Kernels support `.fill(value)` on typed arrays; copy or view elements with a for loop.",
            ]);
            return null;
        }
        if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && !this.lookup(callee.expression.text)) {
            const ns = callee.expression.text;
            const name = callee.name.text;
            if (ns === "Math") {
                if (!MATH_FUNCTIONS.has(name)) {
                    this.sink.report("PF1012", p, [`Math.${name}`, "Math"]);
                    return null;
                }
                fn = name;
            }
            else if (ns === "Number") {
                if (!NUMBER_FUNCTIONS.has(name)) {
                    this.sink.report("PF1012", p, [`Number.${name}`, "Number"]);
                    return null;
                }
                fn = "Number." + name;
            }
            else if (ns === "Atomics") {
                return this.atomicCall(n, name, p);
            }
        }
        else if (ts.isIdentifier(callee) && (callee.text === "Number" || callee.text === "Boolean") && !this.bound(callee.text) && n.arguments.length <= 1 && !n.arguments.some((a) => ts.isSpreadElement(a))) {
            // the conversions: Number(x) is +x (Number() is 0), Boolean(x) is !!x (Boolean() is false)
            if (n.arguments.length === 0)
                return callee.text === "Number" ? { k: "num", value: 0, ...p } : { k: "bool", value: false, ...p };
            const x = this.expr(n.arguments[0]);
            if (!x)
                return null;
            return callee.text === "Number" ? { k: "unary", op: "+", e: x, ...p } : { k: "unary", op: "!", e: { k: "unary", op: "!", e: x, ...p }, ...p };
        }
        else if (ts.isIdentifier(callee) && !this.lookup(callee.text) && GLOBAL_FUNCTIONS.has(callee.text)) {
            fn = "global." + callee.text;
        }
        else if (this.isPrangeCallee(callee)) {
            this.unsupported(n, "prange outside a for...of loop header", "Write `for (const i of prange(n))`.");
            return null;
        }
        if (!fn) {
            this.sink.report("PF1003", p, [callee.getText(this.sf)]);
            return null;
        }
        if (n.arguments.some((a) => ts.isSpreadElement(a))) {
            this.unsupported(n, "A spread argument", "Pass arguments one by one.");
            return null;
        }
        const args = n.arguments.map((a) => this.expr(a));
        if (args.some((a) => a === null))
            return null;
        return { k: "call", fn, args: args, ...p };
    }
    /** `new Float64Array(len)` (any of the nine kinds); undefined for other `new` expressions. */
    newArray(n, p) {
        const ts = this.ts;
        if (!ts.isIdentifier(n.expression) || !ARRAY_KINDS.has(n.expression.text) || this.bound(n.expression.text))
            return undefined;
        const args = n.arguments ?? [];
        if (args.length !== 1 || ts.isSpreadElement(args[0])) {
            this.sink.report("PF1018", p, [`'new ${n.expression.text}' with ${args.length} arguments`, `Make a zero-filled array of a length: \`new ${n.expression.text}(n)\`, then fill it with a loop.`]);
            return null;
        }
        const len = this.expr(args[0]);
        return len ? { k: "newArray", kind: n.expression.text, len, ...p } : null;
    }
    /**
     * `a.fill(v)` as a statement: `{ const t = v; for (let k = 0; k < a.length; k++) a[k] = t; }`
     * (the value is taken once and stored with the element type's conversion, as fill does).
     * Returns false when the statement is not such a call.
     */
    fillStmt(e, out) {
        const ts = this.ts;
        while (ts.isParenthesizedExpression(e))
            e = e.expression;
        if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== "fill")
            return false;
        const obj = e.expression.expression;
        if (!ts.isIdentifier(obj))
            return false;
        const a = this.lookup(obj.text);
        if (!a || a.kind === "index")
            return false;
        const p = this.pos(e);
        if (e.arguments.length !== 1 || ts.isSpreadElement(e.arguments[0])) {
            this.sink.report("PF1018", p, [`'${obj.text}.fill' with ${e.arguments.length} arguments`, "Call `.fill(value)` for the whole array, or fill a range with a for loop."]);
            return true;
        }
        a.array ??= "Float64Array";
        const value = this.expr(e.arguments[0]);
        if (!value)
            return true;
        const t = this.declare("fill value", p, "local", true);
        const k = this.declare("fill index", p, "local", false);
        t.used = k.used = true;
        this.countAssign(k);
        const store = { k: "store", op: "=", ref: { array: a, index: { k: "var", v: k, ...p }, site: this.newSite(a, p) }, value: { k: "var", v: t, ...p }, ...p };
        const loop = Object.assign(overArray(k, a, p, null), { body: [{ k: "expr", e: store, ...p }] });
        this.detectCounter(loop);
        out.push({ k: "block", body: [{ k: "let", v: t, init: value, ...p }, loop], ...p });
        return true;
    }
    binary(n, p) {
        const ts = this.ts;
        const K = ts.SyntaxKind;
        const opk = n.operatorToken.kind;
        const aop = ASSIGN_OPS.get(opk);
        if (aop) {
            let left = n.left;
            while (ts.isParenthesizedExpression(left))
                left = left.expression;
            const lazy = aop === "&&=" || aop === "||=" || aop === "??=";
            if (ts.isElementAccessExpression(left)) {
                const ref = this.elemRef(left);
                if (lazy)
                    this.conditional++;
                const value = this.expr(n.right);
                if (lazy)
                    this.conditional--;
                return ref && value ? { k: "store", op: aop, ref, value, ...p } : null;
            }
            if (!ts.isIdentifier(left)) {
                this.unsupported(left, "This assignment target", "Assign to a variable or an array element.");
                return null;
            }
            if (lazy)
                this.conditional++;
            const value = this.expr(n.right);
            if (lazy)
                this.conditional--;
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
            this.conditional++;
            const r = this.expr(n.right);
            this.conditional--;
            const op = opk === K.AmpersandAmpersandToken ? "&&" : opk === K.BarBarToken ? "||" : "??";
            return l && r ? { k: "logical", op, l, r, ...p } : null;
        }
        const bop = BINARY_OPS.get(opk);
        if (!bop) {
            this.unsupported(n.operatorToken, `The operator '${n.operatorToken.getText(this.sf)}'`, "Use arithmetic, bitwise, comparison and logical operators.");
            return null;
        }
        const l = this.expr(n.left);
        const r = this.expr(n.right);
        return l && r ? { k: "binary", op: bop, l, r, ...p } : null;
    }
}
