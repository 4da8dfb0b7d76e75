/**
 * Every message parfor shows a user, in one table. Call sites pick an entry and fill `{0}`-style
 * placeholders; tests match codes, not wording. Families: PF1xxx unsupported input (errors),
 * PF2xxx loop analysis: races and reductions (warnings unless noted), PF3xxx types, arguments and
 * limits, PF4xxx performance hints (call time, warnings).
 */
export declare const messages: {
    readonly PF1001: {
        readonly name: "unsupported-syntax";
        readonly category: "error";
        readonly text: "{0} is not supported in a parallel kernel. {1}";
    };
    readonly PF1002: {
        readonly name: "free-variable";
        readonly category: "error";
        readonly text: "'{0}' is not defined inside the kernel. Pass it as a parameter, or bind it with the option `globals: { {0}: … }`.";
    };
    readonly PF1003: {
        readonly name: "unknown-call";
        readonly category: "error";
        readonly text: "Calling '{0}' is not supported: a kernel can call Math.* and Number.* functions and helper functions it can see. Declare the helper inside the kernel (`function f(x) { … }`), pass it in the option `globals` (`globals: { f }`), or compute the value before the call.";
    };
    readonly PF1004: {
        readonly name: "return-in-prange";
        readonly category: "error";
        readonly text: "'return' inside a prange loop is not supported: iterations run in parallel. Store the result in an array or a reduction variable and return after the loop.";
    };
    readonly PF1005: {
        readonly name: "break-out-of-prange";
        readonly category: "error";
        readonly text: "'break' out of a prange loop is not supported: every iteration runs. Set a flag (`found = true`) and skip work with `continue`, or use a serial loop.";
    };
    readonly PF1006: {
        readonly name: "mixed-types";
        readonly category: "error";
        readonly text: "'{0}' holds both a boolean and a number. Give it one type (e.g. use 0/1 instead of false/true).";
    };
    readonly PF1007: {
        readonly name: "bad-assignment";
        readonly category: "error";
        readonly text: "Cannot assign to {0} '{1}'. {2}";
    };
    readonly PF1008: {
        readonly name: "bad-parameter";
        readonly category: "error";
        readonly text: "Parameter '{0}': {1} Kernel parameters are plain names of type number, boolean or a typed array.";
    };
    readonly PF1009: {
        readonly name: "not-a-function";
        readonly category: "error";
        readonly text: "The kernel is not a function parfor can compile: {0}";
    };
    readonly PF1010: {
        readonly name: "bad-return";
        readonly category: "error";
        readonly text: "The kernel returns {0}; a kernel returns a number, a boolean, one kind of typed array or nothing (update arrays in place).";
    };
    readonly PF1011: {
        readonly name: "array-as-value";
        readonly category: "error";
        readonly text: "Array '{0}' can only be indexed (`{0}[i]`), have its `.length` read, be assigned to an array variable (`const t = {0}`) or be returned inside a kernel.";
    };
    readonly PF1012: {
        readonly name: "unknown-member";
        readonly category: "error";
        readonly text: "'{0}' is not a numeric {1} member parfor supports.";
    };
    readonly PF1013: {
        readonly name: "mixed-reduction";
        readonly category: "error";
        readonly text: "'{0}' is updated with both '{1}' and '{2}' in one prange loop; a reduction uses one operator. Use two variables and combine them after the loop.";
    };
    readonly PF1014: {
        readonly name: "too-deeply-nested";
        readonly category: "error";
        readonly text: "{0} nested {1} levels deep; parfor compiles kernels nested at most {2} levels (each bracket, call, block and loop counts, and so does each operand of one long chain such as `a + b + …`). Split it: compute parts into local variables first (`const s1 = …; const s2 = …;`).";
    };
    readonly PF1015: {
        readonly name: "internal-error";
        readonly category: "error";
        readonly text: "parfor's compiler failed on this kernel ({0}). This is a bug in parfor: please report it with the kernel's text. With the option `fallback: \"js\"` the kernel runs as plain JavaScript meanwhile.";
    };
    readonly PF1016: {
        readonly name: "recursive-helper";
        readonly category: "error";
        readonly text: "'{0}' calls itself{1}: helper functions are inlined into the kernel, so recursion (direct or through other helpers) is not supported. Rewrite it with a loop.";
    };
    readonly PF1017: {
        readonly name: "helper-call";
        readonly category: "error";
        readonly text: "{0}. {1}";
    };
    readonly PF1018: {
        readonly name: "array-variable";
        readonly category: "error";
        readonly text: "{0}. {1}";
    };
    readonly PF1019: {
        readonly name: "atomics-array";
        readonly category: "error";
        readonly text: "Atomics.{0} needs an integer typed array (Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array or Uint32Array), and '{1}' is a {2}. {3}";
    };
    readonly PF2001: {
        readonly name: "scalar-race";
        readonly category: "warning";
        readonly text: "'{0}' is assigned in the prange loop and {1}, so iterations race on it and its value is unpredictable. Fix: declare it inside the loop, make it a reduction (`{0} += …`), or store per-iteration values in an array.";
    };
    readonly PF2002: {
        readonly name: "shared-element-race";
        readonly category: "warning";
        readonly text: "'{0}[{1}]' is written at an index that does not depend on the loop variable '{2}': all iterations update the same element and concurrent updates are lost. Fix: accumulate in a scalar (`let s = 0; … s += …`) and store it after the loop.";
    };
    readonly PF2003: {
        readonly name: "reduction-read-in-loop";
        readonly category: "warning";
        readonly text: "Reduction variable '{0}' is read inside the prange loop, where each thread sees only its own partial value. Fix: read '{0}' only after the loop, or keep the per-iteration value in another variable.";
    };
    readonly PF2004: {
        readonly name: "unrecognised-reduction";
        readonly category: "warning";
        readonly text: "'{0}' is updated like a min/max but keeps its old value only when the comparison holds, so a NaN replaces it; that is not a reduction parfor can combine, and iterations race on '{0}'. Fix: write {1}.";
    };
    readonly PF2005: {
        readonly name: "array-dependence";
        readonly category: "warning";
        readonly text: "'{0}[{1}]' is written and '{6}[{2}]' is {3} by different iterations of the prange loop over '{5}'{4}: they can touch the same element, so iterations race. Fix: write the results to a separate output array (read from the old one), or make this loop a serial for loop.";
    };
    readonly PF2006: {
        readonly name: "possible-race";
        readonly category: "warning";
        readonly text: "parfor cannot prove that different iterations write different elements of '{0}' at '{0}[{1}]'{3}: {2}. If the elements never coincide this is safe; otherwise iterations race. Fix: make each iteration write only its own slot (`{0}[i]`, or a per-iteration row), accumulate per-iteration results and combine them after the loop, or run the loop serially. To see whether your inputs make it race, run the kernel once with `check: \"races\"` (or PARFOR_CHECK=races).";
    };
    readonly PF2007: {
        readonly name: "loop-bound-written";
        readonly category: "warning";
        readonly text: "'{0}' is used in the bounds of the prange loop and changed inside it; the bounds were computed once, before the loop, and iterations race on '{0}'. Fix: copy the bound into a const before the loop and write another variable inside.";
    };
    readonly PF2008: {
        readonly name: "aliased-arguments";
        readonly category: "warning";
        readonly text: "{0}: arguments '{1}' and '{2}' share memory, and the kernel writes '{1}' while it reads '{2}' in a prange loop: the overlap creates a dependence between iterations. {3}";
    };
    readonly PF3001: {
        readonly name: "argument-type";
        readonly category: "error";
        readonly text: "{0}: argument {1} ('{2}') must be {3}, got {4}.";
    };
    readonly PF3002: {
        readonly name: "argument-count";
        readonly category: "error";
        readonly text: "{0}: expected {1} argument{2} ({3}), got {4}.";
    };
    readonly PF3003: {
        readonly name: "bad-option";
        readonly category: "error";
        readonly text: "parallel(): option '{0}' {1}";
    };
    readonly PF3004: {
        readonly name: "fallback";
        readonly category: "warning";
        readonly text: "parallel(): running '{0}' as plain JavaScript because it cannot be compiled: {1}";
    };
    readonly PF3005: {
        readonly name: "untyped-parameter";
        readonly category: "error";
        readonly text: "Kernel '{0}': parameter '{1}' has no type the build can see{2}, so the bundler plugin cannot compile it. Add `/** @param {{3}} {1} */` above the kernel (or the annotation `{1}: {3}`), or give it in the plugin's option `signatures: { {0}: { {1}: \"{3}\" } }`. {4}.";
    };
    readonly PF4001: {
        readonly name: "copy-cost";
        readonly category: "warning";
        readonly text: "{0}: copying ordinary typed arrays into parfor's shared memory and back took {1}% of a call ({2} ms of {3} ms): {4}. Allocate them with parfor.array(Kind, n), or move them once with parfor.array.from(a), so that kernels use them in place.";
    };
    readonly PF4002: {
        readonly name: "reduction-copies-too-large";
        readonly category: "warning";
        readonly text: "{0}: the prange at {1} reduces arrays of {2} bytes (private copies per chunk), and two copies do not fit in the {3}-byte bound: the loop runs as one chunk on one thread, updating the arrays in place. Reduce into a smaller array (fewer bins), or split the loop.";
    };
};
export type Code = keyof typeof messages;
/** Fills `{0}`, `{1}`, … in a message template. */
export declare function formatMessage(code: Code, args: readonly (string | number)[]): string;
