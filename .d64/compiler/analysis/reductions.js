import { forEachExprInStmts } from "../model/walk.js";
import { exprEquals, isPure, mentions } from "./exprs.js";
const RANGE = {
    Int8Array: [-128, 127],
    Uint8Array: [0, 255],
    Int16Array: [-32768, 32767],
    Uint16Array: [0, 65535],
    Int32Array: [-(2 ** 31), 2 ** 31 - 1],
    Uint32Array: [0, 2 ** 32 - 1],
};
const OPS = { "+=": "+", "-=": "+", "*=": "*", "|=": "|", "&=": "&" };
/** The update pattern of `e`, or null. */
export function arrayUpdateOf(e) {
    if (e.k === "updateElem")
        return { ref: e.ref, op: "+", value: null, inner: null };
    if (e.k !== "store")
        return null;
    const same = (x) => x.k === "load" && x.ref.array === e.ref.array && exprEquals(x.ref.index, e.ref.index);
    const op = OPS[e.op];
    if (op !== undefined)
        return { ref: e.ref, op, value: e.value, inner: null };
    if (e.op !== "=")
        return null;
    const v = e.value;
    if (v.k === "call" && (v.fn === "min" || v.fn === "max") && v.args.length === 2) {
        const [a, b] = v.args;
        if (same(a))
            return { ref: e.ref, op: v.fn, value: b, inner: a };
        if (same(b))
            return { ref: e.ref, op: v.fn, value: a, inner: b };
    }
    if (v.k === "binary" && (v.op === "+" || v.op === "*" || v.op === "|" || v.op === "&" || v.op === "-")) {
        const op2 = v.op === "-" ? "+" : v.op;
        if (same(v.l))
            return { ref: e.ref, op: op2, value: v.r, inner: v.l };
        if (v.op !== "-" && same(v.r))
            return { ref: e.ref, op: op2, value: v.l, inner: v.r };
    }
    return null;
}
/** Why `u` on an array of kind `kind` cannot be reduced exactly (null: it can). */
function typeProblem(u, kind) {
    const name = u.ref.array.name;
    if (kind === "Uint8ClampedArray")
        return `a Uint8ClampedArray's clamping store does not combine (use a wider integer array)`;
    const range = RANGE[kind];
    const t = u.value?.ty;
    if (range === undefined) {
        // floats: every operator but the bitwise ones
        return u.op === "|" || u.op === "&" ? `\`${u.op}=\` on a ${kind} is not a float reduction` : null;
    }
    if (u.op === "*")
        return `a product on a ${kind} wraps differently from the plain loop once it leaves 2^53`;
    if (u.op === "|" || u.op === "&")
        return null;
    if (u.value === null)
        return null;
    const int = t !== undefined && (t.k === "i32" || t.k === "i64");
    if (u.op === "+") {
        if (!int || Math.max(Math.abs(t.lo), Math.abs(t.hi)) > 2 ** 52)
            return `the value added to '${name}' is not known to be an integer (the ${kind} store truncates every partial sum)`;
        return null;
    }
    if (!int || t.lo < range[0] || t.hi > range[1])
        return `the value in Math.${u.op} is not known to be an integer within the ${kind}'s range`;
    return null;
}
/**
 * The arrays of `loop` whose every access is an update of one reduction operator (with a pure,
 * array-free index and value), and for the others that are written, why not.
 */
export function findArrayReductions(loop, sharesWith = () => null) {
    const updates = new Map();
    const why = new Map();
    const inner = new Set();
    const patterns = new Set();
    const fail = (a, reason) => {
        if (!why.has(a))
            why.set(a, reason);
    };
    forEachExprInStmts(loop.body, (e) => {
        const u = arrayUpdateOf(e);
        if (u === null)
            return;
        const a = u.ref.array;
        patterns.add(e);
        if (u.inner)
            inner.add(u.inner);
        let rec = updates.get(a);
        if (!rec)
            updates.set(a, (rec = { ops: new Set(), sites: [] }));
        rec.ops.add(u.op);
        rec.sites.push(e);
        const problem = typeProblem(u, a.array);
        if (problem !== null)
            fail(a, problem);
        const parts = [u.ref.index, ...(u.value ? [u.value] : [])];
        if (!parts.every(isPure))
            fail(a, `the update of '${a.name}' has side effects in its index or value`);
        else if (parts.some((x) => mentions(x, a) || readsArray(x, a)))
            fail(a, `the update of '${a.name}' reads '${a.name}' in its index or value`);
    });
    forEachExprInStmts(loop.body, (e) => {
        if (e.k === "load" && !inner.has(e)) {
            if (updates.has(e.ref.array))
                fail(e.ref.array, `'${e.ref.array.name}' is also read in the loop`);
        }
        else if ((e.k === "store" || e.k === "updateElem") && !patterns.has(e)) {
            fail(e.ref.array, e.k === "store" && e.op === "=" ? `\`${e.ref.array.name}[…] = …\` overwrites an element` : `'${e.ref.array.name}' is updated with an operator that is not a reduction`);
        }
        else if (e.k === "atomic" && updates.has(e.ref.array)) {
            fail(e.ref.array, `'${e.ref.array.name}' is also accessed with Atomics.${e.op} in the loop`);
        }
    });
    const ok = new Map();
    for (const [a, rec] of updates) {
        // the private copies replace one array under one name: not an array variable that holds
        // different arrays, nor one another name in the loop may hold too
        if (a.alias)
            fail(a, `'${a.name}' is an array variable that may hold different arrays`);
        const other = sharesWith(a);
        if (other !== null)
            fail(a, `'${other}' may hold the same array in the loop`);
        if (rec.ops.size > 1)
            fail(a, `'${a.name}' is updated with different operators (${[...rec.ops].join(", ")})`);
        if (why.has(a))
            continue;
        ok.set(a, Object.freeze({ array: a, op: [...rec.ops][0], sites: rec.sites }));
    }
    return { ok, why };
}
function readsArray(e, a) {
    let found = false;
    forEachExprInStmts([{ k: "expr", e, start: e.start, end: e.end }], (x) => {
        if ((x.k === "load" || x.k === "store" || x.k === "updateElem" || x.k === "atomic") && x.ref.array === a)
            found = true;
    });
    return found;
}
