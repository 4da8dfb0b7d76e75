/**
 * Thrown when a kernel cannot be compiled. `message` names the first problem with its position
 * (file:line:column when the kernel's file is known) and what to do; `diagnostics` holds them all.
 */
export class ParforCompileError extends Error {
    diagnostics;
    name = "ParforCompileError";
    code;
    line;
    column;
    constructor(message, diagnostics) {
        super(message);
        this.diagnostics = diagnostics;
        const first = diagnostics[0];
        this.code = first?.code ?? "PF1009";
        this.line = first?.line ?? 0;
        this.column = first?.column ?? 0;
    }
}
