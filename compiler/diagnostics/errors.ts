import type { Diagnostic } from "./diagnostic.js";

/**
 * Thrown when a kernel cannot be compiled. `message` names the first problem with its position
 * (file:line:column when the kernel's file is known) and what to do; `diagnostics` holds them all.
 */
export class ParforCompileError extends Error {
  override name = "ParforCompileError";
  readonly code: string;
  readonly line: number;
  readonly column: number;
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(message);
    const first = diagnostics[0];
    this.code = first?.code ?? "PF1009";
    this.line = first?.line ?? 0;
    this.column = first?.column ?? 0;
  }
}
