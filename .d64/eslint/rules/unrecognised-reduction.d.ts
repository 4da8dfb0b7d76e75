/** PF2004 `unrecognised-reduction`. */
declare const _default: import("../rule.js").ParforRule;
export default _default;
