/**
 * Records the warnings the process emits (parfor reports race diagnostics with
 * process.emitWarning). Import this module before any module that creates kernels, so the
 * listener is in place when they compile; Node still prints each warning to stderr as usual.
 */
/** Every warning emitted since this module was loaded, in order. */
export const warningsSeen = [];
process.on("warning", (w) => {
    warningsSeen.push(w);
});
