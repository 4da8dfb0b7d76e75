/** PF2001 `scalar-race`. */
declare const _default: import("../rule.js").ParforRule;
export default _default;
