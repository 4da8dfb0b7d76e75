import { diagnosticRule } from "../rule.js";
/** PF2003 `reduction-read-in-loop`. */
export default diagnosticRule({
    name: "reduction-read-in-loop",
    description: "Report reduction variables read inside their prange loop",
    codes: (code) => code === "PF2003",
    recommended: "warn",
});
