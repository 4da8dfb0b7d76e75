import { visitExpr } from "../model/walk.js";
/** Environments beyond this many make the pass give up precision (every access may be every array). */
const MAX_ENVS = 512;
class TooMany extends Error {
}
const cache = new WeakMap();
/** The points-to facts of `k` (computed once per kernel model). */
export function pointsToOf(k) {
    let r = cache.get(k);
    if (!r)
        cache.set(k, (r = analyse(k)));
    return r;
}
function keyOf(env) {
    const parts = [];
    for (const [v, o] of env)
        parts.push(`${v.id}:${o.id}`);
    return parts.sort().join(",");
}
function union(...lists) {
    const seen = new Map();
    for (const l of lists)
        for (const e of l) {
            const key = keyOf(e);
            if (!seen.has(key))
                seen.set(key, e);
        }
    if (seen.size > MAX_ENVS)
        throw new TooMany();
    return [...seen.values()];
}
function analyse(k) {
    const objects = [];
    const ofParam = new Map();
    const ofNew = new Map();
    for (const p of k.params) {
        const o = { id: objects.length, param: p, made: null, local: null, releasedBy: null, name: `'${p.name}'` };
        objects.push(o);
        ofParam.set(p, o);
    }
    const holds = new Map();
    const held = new Map();
    const atLoop = new Map();
    const returned = new Set();
    const escapes = [];
    const escapeSeen = new Set();
    /** the innermost loop around each declaration */
    const declLoop = new Map();
    const loopStack = [];
    /** loops enclosing each loop (to tell whether a variable is declared inside a loop) */
    const enclosing = new Map();
    const jumps = new Map();
    const objectOfNew = (e, local) => {
        let o = ofNew.get(e);
        if (!o) {
            const releasedBy = local ? (loopStack[loopStack.length - 1] ?? null) : null;
            o = { id: objects.length, param: null, made: e, local, releasedBy, name: local ? `'${local.name}'` : "a `new` array" };
            objects.push(o);
            ofNew.set(e, o);
        }
        return o;
    };
    const lookup = (env, v) => env.get(v) ?? (v.kind === "param" && !env.has(v) ? ofParam.get(v) : null);
    /** the objects an array-valued expression may be in `env` (null: not an array value) */
    const values = (e, env, local) => {
        if (e.k === "var") {
            if (e.v.array === undefined)
                return null;
            const o = lookup(env, e.v);
            return o ? [o] : [];
        }
        if (e.k === "newArray")
            return [objectOfNew(e, local)];
        if (e.k === "cond") {
            const t = values(e.t, env, null);
            const f = values(e.f, env, null);
            return t && f ? [...t, ...f.filter((x) => !t.includes(x))] : null;
        }
        return null;
    };
    const note = (e, env, v) => {
        const o = lookup(env, v);
        if (!o)
            return;
        let s = holds.get(e);
        if (!s)
            holds.set(e, (s = new Set()));
        s.add(o);
        let h = held.get(v);
        if (!h)
            held.set(v, (h = new Set()));
        h.add(o);
    };
    const record = (e, envs) => {
        visitExpr(e, (x) => {
            const a = x.k === "load" || x.k === "store" || x.k === "updateElem" || x.k === "atomic" ? x.ref.array : x.k === "length" ? x.array : null;
            if (a)
                for (const env of envs)
                    note(x, env, a);
        });
    };
    const insideOf = (v, l) => {
        const d = declLoop.get(v);
        return d !== undefined && d !== null && (d === l || (enclosing.get(d) ?? []).includes(l));
    };
    const assign = (envs, target, value, at, declared) => {
        if (target.array === undefined)
            return [...envs];
        const out = [];
        for (const env of envs) {
            const os = value ? values(value, env, declared ? target : null) : [];
            if (os === null || os.length === 0) {
                const m = new Map(env);
                if (target.kind === "param")
                    m.set(target, { id: -1, param: null, made: null, local: null, releasedBy: null, name: "nothing" });
                else
                    m.delete(target);
                out.push(m);
                continue;
            }
            for (const o of os) {
                if (o.releasedBy && !(declared && o.local === target) && !insideOf(target, o.releasedBy)) {
                    const key = `${at.start}:${o.id}`;
                    if (!escapeSeen.has(key)) {
                        escapeSeen.add(key);
                        escapes.push({ at, v: target, obj: o });
                    }
                }
                const m = new Map(env);
                m.set(target, o);
                out.push(m);
            }
        }
        return union(out);
    };
    /** an expression statement: accesses, then its top-level array assignments (arrays.ts refuses the others) */
    const exprStmt = (e, envs, at) => {
        record(e, envs);
        if (e.k === "assign" && e.op === "=")
            return assign(envs, e.target, e.value, at, false);
        if (e.k === "comma") {
            let cur = [...envs];
            for (const x of e.es)
                if (x.k === "assign" && x.op === "=")
                    cur = assign(cur, x.target, x.value, x, false);
            return cur;
        }
        return [...envs];
    };
    const loop = (s, envs, body) => {
        enclosing.set(s, [...loopStack]);
        const j = { breaks: [], continues: [] };
        jumps.set(s, j);
        let head = [...envs];
        for (;;) {
            loopStack.push(s);
            const out = body(head);
            loopStack.pop();
            const next = union(head, out, j.continues);
            if (next.length === head.length) {
                head = next;
                break;
            }
            head = next;
        }
        return union(head, j.breaks);
    };
    const stmts = (ss, envs) => {
        let cur = [...envs];
        for (const s of ss) {
            if (cur.length === 0)
                break; // unreachable after break/continue/return
            cur = stmt(s, cur);
        }
        return cur;
    };
    const stmt = (s, envs) => {
        switch (s.k) {
            case "expr":
                return exprStmt(s.e, envs, s);
            case "let":
                declLoop.set(s.v, loopStack[loopStack.length - 1] ?? null);
                if (s.init)
                    record(s.init, envs);
                return assign(envs, s.v, s.init, s, true);
            case "if":
                record(s.c, envs);
                return union(stmts(s.t, envs), stmts(s.f, envs));
            case "block":
                return stmts(s.body, envs);
            case "loop": {
                const init = stmts(s.init, envs);
                return loop(s, init, (head) => {
                    if (s.cond)
                        record(s.cond, head);
                    const out = stmts(s.body, head);
                    const after = union(out, jumps.get(s).continues);
                    if (s.update)
                        record(s.update, after);
                    return after;
                });
            }
            case "prange":
                for (const e of [s.rangeStart, s.rangeStop, s.rangeStep])
                    record(e, envs);
                return loop(s, envs, (head) => {
                    atLoop.set(s, union(atLoop.get(s) ?? [], head));
                    return stmts(s.body, head);
                });
            case "break":
                jumps.get(s.target)?.breaks.push(...envs);
                return [];
            case "continue":
                jumps.get(s.target)?.continues.push(...envs);
                return [];
            case "return": {
                if (s.e) {
                    record(s.e, envs);
                    for (const env of envs)
                        for (const o of values(s.e, env, null) ?? [])
                            returned.add(o);
                }
                return [];
            }
        }
    };
    try {
        stmts(k.body, [new Map()]);
    }
    catch (e) {
        if (!(e instanceof TooMany))
            throw e;
        // too many combinations: every access may be every array
        const all = objects.filter((o) => o.id >= 0);
        return {
            objects: all,
            holds: () => all,
            mayHold: () => all,
            mayAlias: () => true,
            returned: all,
            escapes: [],
        };
    }
    const none = [];
    const real = (s) => (s ? [...s].filter((o) => o.id >= 0) : none);
    return {
        objects,
        holds: (e) => real(holds.get(e)),
        mayHold: (v) => real(held.get(v)),
        mayAlias: (l, v, w) => {
            if (v === w)
                return true;
            for (const env of atLoop.get(l) ?? []) {
                const a = lookup(env, v);
                const b = lookup(env, w);
                if (a && b && a === b && a.id >= 0)
                    return true;
            }
            return false;
        },
        returned: [...returned].filter((o) => o.id >= 0),
        escapes,
    };
}
/** How a message names the arrays `v` may hold: "'a' or 'b'". */
export function describeHolds(pt, v) {
    const names = pt.mayHold(v).map((o) => o.name);
    if (names.length <= 1)
        return names[0] ?? "no array";
    return `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}
