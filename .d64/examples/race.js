import { near } from "./example.js";
import { warningsSeen } from "./warnings.js";
/** Runs the racy and the fixed kernel on n, prints the diagnostics and the explanation. */
export async function runRace(ex, n, log = console.log) {
    const racyResult = ex.runRacy(n);
    const fixedResult = ex.runFixed(n);
    // process.emitWarning delivers on a later tick: let pending warnings arrive
    await new Promise((resolve) => setImmediate(resolve));
    const want = ex.expected(n);
    const diagnostics = ex.racy.diagnostics;
    // this kernel's warnings: those that quote one of its diagnostics (they may have been emitted
    // when it was compiled, before this call)
    const warnings = warningsSeen.filter((w) => diagnostics.some((d) => w.message.includes(d.message)));
    for (const d of diagnostics)
        log(`    diagnostic ${d.code} (${d.name}) at ${d.line}:${d.column}: ${d.message}`);
    for (const w of warnings) {
        // the same text as the diagnostic, with the file position; Node also prints it on stderr
        const text = w.message.length > 90 ? `${w.message.slice(0, 90)}…` : w.message;
        log(`    process warning: ${w.name}: ${text}`);
    }
    const off = racyResult === want ? "happened to be right this time" : "WRONG";
    log(`    racy result  ${racyResult} (a correct kernel gives ${want}: ${off})`);
    log(`    why: ${ex.why}`);
    log(`    fix: ${ex.fix}`);
    log(`    fixed result ${fixedResult}`);
    const fixed = near(fixedResult, want, 0, "exact");
    const flagged = diagnostics.length > 0;
    const check = {
        ok: flagged && fixed.ok,
        detail: `${flagged ? `parfor reported ${diagnostics.length} diagnostic(s)` : "parfor did NOT report the race"}; fixed: ${fixed.detail}`,
    };
    return { racyResult, fixedResult, diagnostics, warnings, check };
}
