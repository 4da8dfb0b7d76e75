/** PF2003 `reduction-read-in-loop`. */
declare const _default: import("../rule.js").ParforRule;
export default _default;
