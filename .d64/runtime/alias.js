import { formatMessage } from "../compiler/diagnostics/messages.js";
import { host } from "./host.js";
import { envVar, warn } from "./platform.js";
import { isSharedView } from "./memory.js";
import { viewFacts } from "./views.js";
/** Hazards by kernel text and globals (null: the text could not be analysed). */
const hazards = new Map();
const warned = new Set();
/**
 * Whether views `a` and `b` share at least one byte. Views on parfor's memory made before and
 * after it grew hold different SharedArrayBuffer objects over the same memory: offsets decide.
 */
export function overlaps(a, b) {
    const x = viewFacts(a);
    const y = viewFacts(b);
    if (x === null || y === null)
        return false;
    const same = x.buffer === y.buffer || (isSharedView(a) && isSharedView(b));
    return same && x.byteLength > 0 && y.byteLength > 0 && x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}
/** The first pair of arguments whose overlap creates a dependence (names of the written and the other), or null. */
export function aliasHazard(source, paramNames, globals, args) {
    let pairs = null;
    for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (!ArrayBuffer.isView(a))
            continue;
        for (let j = i + 1; j < args.length; j++) {
            const b = args[j];
            if (ArrayBuffer.isView(b) && overlaps(a, b))
                (pairs ??= []).push([i, j]);
        }
    }
    if (!pairs)
        return null;
    const cacheKey = globals ? `${source}\u0000${JSON.stringify(Object.entries(globals).map(([k, v]) => [k, typeof v === "function" ? `fn:${Function.prototype.toString.call(v)}` : v]).sort(([x], [y]) => (x < y ? -1 : 1)))}` : source;
    let hz = hazards.get(cacheKey);
    // without the compiler (a page) nothing is analysed: every overlapping pair counts, as for a minified text
    if (hz === undefined)
        hazards.set(cacheKey, (hz = host().jit?.aliasHazards(source, globals) ?? null));
    for (const [i, j] of pairs) {
        const a = viewFacts(args[i]);
        const b = viewFacts(args[j]);
        const identical = a.byteOffset === b.byteOffset && a.byteLength === b.byteLength && a.kind === b.kind;
        // text that cannot be analysed (a minified bundle): every overlapping pair is a hazard
        const h = hz === null ? { written: i, other: j, identicalSafe: false } : hz.find((x) => (x.written === i && x.other === j) || (x.written === j && x.other === i));
        if (!h || (identical && h.identicalSafe))
            continue;
        const names = paramNames();
        return { written: names[h.written] ?? `#${h.written}`, other: names[h.other] ?? `#${h.other}`, cacheKey };
    }
    return null;
}
/** What PF2008 says of a call that runs on one thread (or is refused). */
export function aliasMessage(name, written, other, refuse) {
    const what = refuse
        ? "The call is refused (aliasing: \"error\"); pass arrays that do not overlap."
        : "This call runs on one thread, in order, so it gives the plain function's result; pass arrays that do not overlap to run in parallel.";
    return formatMessage("PF2008", [name, written, other, what]);
}
/** The settings a call runs with: one thread when aliased arguments create a dependence. */
export function aliasSettings(source, name, paramNames, globals, args, settings, policy) {
    const h = aliasHazard(source, paramNames, globals, args);
    if (h === null)
        return settings;
    // the environment is consulted only here, when a hazard is found (not on every call)
    const refuse = aliasPolicy(policy) === "error";
    const message = aliasMessage(name, h.written, h.other, refuse);
    if (refuse)
        throw new TypeError(message);
    const key = `${h.cacheKey}\u0000${h.written}\u0000${h.other}`;
    if (!warned.has(key)) {
        warned.add(key);
        warn(message, "ParforSafetyWarning", "PF2008");
    }
    return { ...settings, threads: 1 };
}
/** The aliasing policy of a kernel: its option, else PARFOR_ALIASING, else "serial". */
export function aliasPolicy(policy) {
    return policy ?? (envVar("PARFOR_ALIASING") === "error" ? "error" : "serial");
}
