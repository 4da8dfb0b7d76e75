import { SMALL_INT } from "../compiler/analysis/types.js";
import { formatMessage } from "../compiler/diagnostics/messages.js";
import { isFreedView } from "./memory.js";
import { viewFacts, viewKind } from "./views.js";
/**
 * The typed-array kind of `x` (from its internal slot: a subclass counts as its base kind), or
 * null, also for a view that has no elements to give: its buffer detached, or a parfor.array freed.
 */
export function arrayKind(x) {
    const f = viewFacts(x);
    if (f === null || f.detached || isFreedView(x))
        return null;
    return f.kind;
}
function describe(x) {
    if (x === null)
        return "null";
    const kind = viewKind(x);
    if (kind !== null) {
        if (viewFacts(x).detached)
            return `a ${kind} whose ArrayBuffer was detached (transferred or resized away)`;
        if (isFreedView(x))
            return `a ${kind} that was released with parfor.free`;
        return `a ${kind}`;
    }
    if (ArrayBuffer.isView(x))
        return `a ${x.constructor.name}`;
    if (Array.isArray(x))
        return "an Array";
    return typeof x === "object" ? "an object" : `${typeof x}${typeof x === "string" ? "" : ` ${String(x)}`}`;
}
/** Checks `args` against the kernel's parameters and returns the parameter types of this call. */
export function signatureOf(name, shape, args) {
    const ps = shape.params;
    if (args.length !== ps.length) {
        throw new TypeError(formatMessage("PF3002", [name, ps.length, ps.length === 1 ? "" : "s", ps.map((p) => p.name).join(", ") || "none", args.length]));
    }
    return ps.map((p, i) => {
        const a = args[i];
        const fail = (want) => {
            throw new TypeError(formatMessage("PF3001", [name, i + 1, p.name, want, describe(a)]));
        };
        if (!p.used && !p.annotation) {
            // never referenced: any number, boolean or typed array will do
            const k = arrayKind(a);
            if (k)
                return k;
        }
        if (p.isArray) {
            const k = arrayKind(a);
            if (!k)
                return fail("a typed array (it is indexed in the kernel)");
            if (p.annotation && p.annotation !== k)
                return fail(`a ${p.annotation}`);
            return k;
        }
        if (typeof a === "number") {
            if (p.annotation && p.annotation !== "f" && p.annotation !== "i" && p.annotation !== "s")
                return fail(p.annotation === "b" ? "a boolean" : `a ${p.annotation}`);
            if (!Number.isInteger(a) || Object.is(a, -0) || a < -2147483648 || a > 2147483647)
                return "f";
            return a >= 0 && a <= SMALL_INT ? "s" : "i";
        }
        if (typeof a === "boolean") {
            if (p.annotation && p.annotation !== "b")
                return fail("a number");
            return "b";
        }
        return fail(p.annotation === "b" ? "a boolean" : "a number or a boolean");
    });
}
