/** Every error code (PF1xxx and any other error): the kernel does not compile. No per-code switch. */
declare const _default: import("../rule.js").ParforRule;
export default _default;
