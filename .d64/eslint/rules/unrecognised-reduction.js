import { diagnosticRule } from "../rule.js";
/** PF2004 `unrecognised-reduction`. */
export default diagnosticRule({
    name: "unrecognised-reduction",
    description: "Report min/max updates that are not reductions parfor can combine (NaN replaces the running value)",
    codes: (code) => code === "PF2004",
    recommended: "warn",
});
