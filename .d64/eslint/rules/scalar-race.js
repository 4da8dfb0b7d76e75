import { diagnosticRule } from "../rule.js";
/** PF2001 `scalar-race`. */
export default diagnosticRule({
    name: "scalar-race",
    description: "Report scalars written in a prange loop that iterations race on",
    codes: (code) => code === "PF2001",
    recommended: "warn",
});
