/** PF2002 `shared-element-race`. */
declare const _default: import("../rule.js").ParforRule;
export default _default;
