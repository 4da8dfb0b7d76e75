const key = (v, sym) => `${v ? v.id : ""}|${sym}`;
export function constant(n) {
    return n === 0 ? new Map() : new Map([[key(null, ""), { v: null, sym: "", c: n }]]);
}
export function atom(sym) {
    return new Map([[key(null, sym), { v: null, sym, c: 1 }]]);
}
export function loopVar(v) {
    return new Map([[key(v, ""), { v, sym: "", c: 1 }]]);
}
function addTerm(m, t) {
    const k = key(t.v, t.sym);
    const c = (m.get(k)?.c ?? 0) + t.c;
    if (Math.abs(c) < 1e-12)
        m.delete(k);
    else
        m.set(k, { ...t, c });
}
export function add(a, b, sb = 1) {
    const m = new Map(a);
    for (const t of b.values())
        addTerm(m, { ...t, c: t.c * sb });
    return m;
}
export function sub(a, b) {
    return add(a, b, -1);
}
export function scale(a, k) {
    if (k === 0)
        return new Map();
    const m = new Map();
    for (const [kk, t] of a)
        m.set(kk, { ...t, c: t.c * k });
    return m;
}
export function mulSym(a, b) {
    if (a === "")
        return b;
    if (b === "")
        return a;
    return [...a.split("*"), ...b.split("*")].sort().join("*");
}
/** Whether `a` has no loop-variable term. */
export function invariant(a) {
    for (const t of a.values())
        if (t.v)
            return false;
    return true;
}
/** The product, when one side is loop-invariant; null otherwise (not affine). */
export function mul(a, b) {
    if (!invariant(a) && !invariant(b))
        return null;
    const m = new Map();
    for (const x of a.values())
        for (const y of b.values())
            addTerm(m, { v: x.v ?? y.v, sym: mulSym(x.sym, y.sym), c: x.c * y.c });
    return m;
}
/** The numeric value when `a` is a constant. */
export function numeric(a) {
    if (a.size === 0)
        return 0;
    if (a.size > 1)
        return null;
    const t = [...a.values()][0];
    return !t.v && t.sym === "" ? t.c : null;
}
/** The coefficient of loop variable `v` when it is a plain number (null: symbolic or mixed). */
export function coefOf(a, v) {
    let c = 0;
    let symbolic = false;
    for (const t of a.values()) {
        if (t.v !== v)
            continue;
        if (t.sym === "")
            c += t.c;
        else
            symbolic = true;
    }
    return { c, symbolic };
}
/** The terms without loop variable `v`. */
export function without(a, vs) {
    const m = new Map();
    for (const [k, t] of a)
        if (!t.v || !vs(t.v))
            m.set(k, t);
    return m;
}
/** Loop variables of `a`. */
export function varsOf(a) {
    const out = new Set();
    for (const t of a.values())
        if (t.v)
            out.add(t.v);
    return [...out];
}
/**
 * Whether `l` (loop-invariant) is provably > 0 (`strict`) or >= 0, given facts known to be
 * >= 0: a numeric form is compared directly; otherwise a positive multiple of one fact that
 * cancels a symbol is subtracted, a few times over.
 */
export function provePos(l, facts, strict, depth = 3) {
    const n = numeric(l);
    if (n !== null)
        return strict ? n > 1e-9 : n >= -1e-9;
    if (depth === 0)
        return false;
    for (const t of l.values()) {
        if (t.v || t.sym === "")
            continue;
        for (const f of facts) {
            const ft = f.get(key(null, t.sym));
            if (!ft || ft.c * t.c <= 0)
                continue;
            const lam = t.c / ft.c;
            if (provePos(add(l, f, -lam), facts, strict, depth - 1))
                return true;
        }
    }
    return false;
}
