import { diagnosticRule } from "../rule.js";
/** PF2002 `shared-element-race`. */
export default diagnosticRule({
    name: "shared-element-race",
    description: "Report array elements every iteration writes at the same index",
    codes: (code) => code === "PF2002",
    recommended: "warn",
});
