import { formatReport } from "../compiler/explain/format.js";
import { signatureOf } from "./signature.js";
import { aliasHazard, aliasMessage, aliasPolicy } from "./alias.js";
import { viewFacts } from "./views.js";
import { arrayBlockOf, isSharedView } from "./memory.js";
const align8 = (n) => (n + 7) & ~7;
export function explainCall(c, args) {
    const shape = c.shape();
    const sig = signatureOf(c.name, shape, args);
    const r = c.jit().explain(c.source, sig, c.compileOptions);
    const report = { ...r.report, name: c.name };
    const arrays = shape.params.flatMap((p, i) => {
        const v = viewFacts(args[i]);
        if (!p.isArray || v === null)
            return [];
        const shared = isSharedView(args[i]) && arrayBlockOf(v.byteOffset, Math.max(1, v.byteLength)) >= 0;
        return [{ name: p.name, kind: v.kind, length: v.length, bytes: v.byteLength, inPlace: shared }];
    });
    const hazard = aliasHazard(c.source, () => shape.params.map((p) => p.name), c.options.globals, args);
    const copyBytes = {};
    for (const l of report.loops) {
        if (l.arrayReductions.length === 0)
            continue;
        copyBytes[l.number] = l.arrayReductions.reduce((sum, a) => {
            const v = arrays.find((x) => x.name === a.array);
            return sum + (v ? align8(v.bytes) : 0);
        }, 0);
    }
    const call = {
        threads: hazard ? 1 : c.settings.threads,
        schedule: c.settings.schedule,
        chunkSize: c.settings.chunkSize,
        arrays,
        aliasing: hazard ? aliasMessage(c.name, hazard.written, hazard.other, aliasPolicy(c.options.aliasing) === "error") : null,
        copyBytes,
    };
    const text = formatReport(report, {
        where: (a) => {
            const p = c.place(a.line, a.column);
            return p.file !== undefined ? `${p.file}:${p.line}:${p.column}` : `kernel ${c.name} line ${p.line}:${p.column}`;
        },
        short: (a) => {
            const p = c.place(a.line, a.column);
            return `${p.line}:${p.column}`;
        },
        call,
    });
    return Object.freeze({ text, report, call, toString: () => text });
}
