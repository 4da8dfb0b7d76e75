import { diagnosticRule } from "../rule.js";
import { diagnosticTable } from "../analysis.js";
const errors = new Set(diagnosticTable().filter((d) => d.category === "error").map((d) => d.code));
/** Every error code (PF1xxx and any other error): the kernel does not compile. No per-code switch. */
export default diagnosticRule({
    name: "compile-error",
    description: "Report kernels that parallel() cannot compile (every PF1xxx error)",
    codes: (code) => errors.has(code),
    recommended: "error",
});
