import { visitExpr } from "../model/walk.js";
import { pointsToOf } from "./points-to.js";
/** Resolves the array locals of `k` (sets `array` and `fresh` on them) and reports misuse. */
export function resolveArrays(k, sink) {
    const values = new WeakSet();
    const sources = new Map();
    const declInit = new Map();
    const indexed = new Set();
    /** `new` and array-variable values in allowed places (checked once kinds are known) */
    const placed = new WeakSet();
    /** an array value's place: the value and, through `?:`, each arm */
    const place = (e) => {
        placed.add(e);
        if (e.k === "cond") {
            place(e.t);
            place(e.f);
        }
    };
    const assignsInPrange = [];
    const compound = [];
    const badValue = [];
    const add = (v, e, at) => {
        let l = sources.get(v);
        if (!l)
            sources.set(v, (l = []));
        l.push({ e, at });
    };
    const scanExpr = (e, top, inPrange) => {
        visitExpr(e, (x) => {
            if (x.k === "load" || x.k === "store" || x.k === "updateElem")
                indexed.add(x.ref.array);
            else if (x.k === "length")
                indexed.add(x.array);
            if (x.k === "assign") {
                if (x.op === "=") {
                    add(x.target, x.value, x);
                    if (top && x === e)
                        place(x.value);
                    else
                        badValue.push({ e: x });
                    if (inPrange)
                        assignsInPrange.push({ v: x.target, at: x });
                }
                else
                    compound.push({ v: x.target, at: x });
            }
            else if (x.k === "update")
                compound.push({ v: x.target, at: x });
        });
    };
    const scan = (ss, inPrange) => {
        for (const s of ss) {
            switch (s.k) {
                case "expr":
                    scanExpr(s.e, true, inPrange);
                    break;
                case "let":
                    declInit.set(s.v, s.init);
                    if (s.init) {
                        add(s.v, s.init, s);
                        place(s.init);
                        scanExpr(s.init, false, inPrange);
                    }
                    break;
                case "return":
                    if (s.e) {
                        place(s.e);
                        scanExpr(s.e, false, inPrange);
                    }
                    break;
                case "if":
                    scanExpr(s.c, false, inPrange);
                    scan(s.t, inPrange);
                    scan(s.f, inPrange);
                    break;
                case "loop":
                    scan(s.init, inPrange);
                    if (s.cond)
                        scanExpr(s.cond, false, inPrange);
                    if (s.update)
                        scanExpr(s.update, false, inPrange);
                    scan(s.body, inPrange);
                    break;
                case "prange":
                    scanExpr(s.rangeStart, false, inPrange);
                    scanExpr(s.rangeStop, false, inPrange);
                    scanExpr(s.rangeStep, false, inPrange);
                    scan(s.body, true);
                    break;
                case "block":
                    scan(s.body, inPrange);
                    break;
                default:
                    break;
            }
        }
    };
    scan(k.body, false);
    const locals = k.vars.filter((v) => v.kind === "local");
    // array-ness along assignments (model/array-flow.ts), before this signature's kinds replace it
    const marked = new Set(k.vars.filter((v) => v.array !== undefined));
    for (const v of locals) {
        v.array = undefined;
        v.fresh = undefined;
    }
    for (const v of k.vars)
        v.alias = undefined;
    const kindOf = (e) => {
        if (e.k === "newArray")
            return e.kind;
        if (e.k === "cond") {
            // `c ? a : b`: an array value when both arms are arrays of one kind
            const t = kindOf(e.t);
            const f = kindOf(e.f);
            if (t === "number" || f === "number")
                return "number";
            if (t === null || f === null)
                return t ?? f;
            return t === f ? t : "mixed";
        }
        if (e.k === "var") {
            if (e.v.kind === "param")
                return e.v.array ?? "number";
            if (e.v.kind === "local")
                return e.v.array ?? (isArrayish(e.v) ? null : "number");
        }
        return "number";
    };
    const isArrayish = (v) => indexed.has(v) || marked.has(v) || (sources.get(v) ?? []).some((s) => s.e.k === "newArray");
    // kinds flow along assignments: a few rounds reach every chain
    for (let round = 0; round <= locals.length; round++) {
        let changed = false;
        for (const v of locals) {
            if (v.array)
                continue;
            for (const s of sources.get(v) ?? []) {
                const kd = kindOf(s.e);
                if (kd !== null && kd !== "number" && kd !== "mixed") {
                    v.array = kd;
                    changed = true;
                    break;
                }
            }
        }
        if (!changed)
            break;
    }
    const report = (at, what, fix) => {
        sink.report("PF1018", at, [what, fix]);
    };
    for (const v of locals) {
        const src = sources.get(v) ?? [];
        if (!v.array) {
            if (indexed.has(v))
                report(v.pos, `'${v.name}' is indexed but holds no typed array`, "Declare it with an array: `const t = new Float64Array(n)` or `const t = a` for an array parameter `a`.");
            continue;
        }
        for (const s of src) {
            const kd = kindOf(s.e);
            if (kd === "number" || kd === null)
                report(s.at, `'${v.name}' holds both a typed array and a number`, "Keep arrays and numbers in separate variables.");
            else if (kd === "mixed")
                report(s.at, `'${v.name}' is given \`?:\` of arrays of two kinds`, "Give each array variable arrays of one element type: both arms of the `?:` the same kind.");
            else if (kd !== v.array)
                report(s.at, `'${v.name}' holds both a ${v.array} and a ${kd}`, "Give each array variable one element type.");
        }
        const init = declInit.get(v);
        v.fresh = init?.k === "newArray" && src.length === 1;
        if (!v.fresh)
            v.alias = true;
    }
    for (const p of k.params) {
        if (!p.array || !sources.has(p))
            continue;
        p.alias = true;
        for (const s of sources.get(p)) {
            const kd = kindOf(s.e);
            if (kd !== p.array)
                report(s.at, `'${p.name}' is a ${p.array} and is assigned ${kd === "number" || kd === null ? "a number" : kd === "mixed" ? "arrays of two kinds" : `a ${kd}`}`, "Assign an array parameter only arrays of its own kind (or use a local variable for the other array).");
        }
    }
    for (const c of compound)
        if (c.v.array)
            report(c.at, `'${c.v.name}' is an array and is updated like a number`, "Update its elements (`" + c.v.name + "[i] += …`).");
    for (const b of badValue) {
        const e = b.e;
        if (e.k === "assign" && e.target.array)
            report(e, `An assignment to the array variable '${e.target.name}' used as a value`, "Assign array variables in statements of their own.");
    }
    for (const a of assignsInPrange)
        if (a.v.array)
            report(a.at, `'${a.v.name}' is an array variable assigned inside a prange loop`, "Assign array variables between loops; inside a loop declare a new one (`const t = new Float64Array(m)`) or index the arrays directly.");
    // `new` only as a declaration's or an array variable's value; array variables as values only there too
    const check = (e) => {
        visitExpr(e, (x) => {
            if (x.k === "newArray" && !placed.has(x))
                report(x, `'new ${x.kind}' inside an expression`, `Declare the array first: \`const t = new ${x.kind}(n)\`.`);
            if (x.k === "var" && x.v.array && placed.has(x))
                values.add(x);
            if (x.k === "newArray" && placed.has(x))
                values.add(x);
        });
    };
    walkAll(k.body, check);
    // an array kept beyond the loop trip whose end releases it (runtime/arena.ts)
    for (const x of pointsToOf(k).escapes) {
        if (x.v.array)
            report(x.at, `'${x.v.name}' keeps ${x.obj.name}, an array made in each trip of a loop and released when the trip ends`, `Declare the arrays before the loop (\`const t = new ${x.v.array}(n)\`) and swap or copy them there.`);
    }
    // an alias declared in a prange body would share a loop-wide array under an iteration's name
    for (const v of locals) {
        if (v.array && !v.fresh && v.owner !== null)
            report(v.pos, `'${v.name}' names another array inside a prange loop`, "Index the array itself inside the loop; name arrays (`const t = a`) outside prange loops.");
    }
    return { values };
}
function walkAll(ss, f) {
    for (const s of ss) {
        switch (s.k) {
            case "expr":
                f(s.e);
                break;
            case "let":
                if (s.init)
                    f(s.init);
                break;
            case "return":
                if (s.e)
                    f(s.e);
                break;
            case "if":
                f(s.c);
                walkAll(s.t, f);
                walkAll(s.f, f);
                break;
            case "loop":
                walkAll(s.init, f);
                if (s.cond)
                    f(s.cond);
                if (s.update)
                    f(s.update);
                walkAll(s.body, f);
                break;
            case "prange":
                f(s.rangeStart);
                f(s.rangeStop);
                f(s.rangeStep);
                walkAll(s.body, f);
                break;
            case "block":
                walkAll(s.body, f);
                break;
            default:
                break;
        }
    }
}
