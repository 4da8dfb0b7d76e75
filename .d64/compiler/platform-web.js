let ts = null;
let math = null;
/** Called once by the JIT entry. */
export function installCompilerPlatform(p) {
    ts = p.typescript;
    math = p.mathLibrary;
}
export function loadTypescript() {
    if (ts === null)
        throw new Error("parfor: the compiler is not loaded in this page: import it first with await import(\"parfor/jit\")");
    return ts;
}
export function mathLibraryBytes() {
    return math;
}
export function relativeModule() {
    return null;
}
