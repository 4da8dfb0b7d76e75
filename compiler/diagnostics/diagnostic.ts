import { type Code, formatMessage, messages } from "./messages.js";

/** A position in the kernel's source text (offsets; line/column are 1-based, for printing). */
export interface Span {
  readonly start: number;
  readonly length: number;
  readonly line: number;
  readonly column: number;
}

/** Another location that explains a diagnostic (e.g. the other access of a racing pair). */
export interface RelatedInfo extends Span {
  readonly message: string;
}

/** One finding of the analysis; maps one-to-one onto ts.Diagnostic and ESLint's report. */
export interface Diagnostic extends Span {
  readonly code: Code;
  readonly name: string;
  readonly category: "error" | "warning";
  readonly message: string;
  readonly related: readonly RelatedInfo[];
}

/** Turns offsets into line/column; made by the front end from the source text. */
export type Locator = (offset: number) => { line: number; column: number };

/** Collects diagnostics while a phase keeps going; exceptions are reserved for internal bugs. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];
  constructor(private readonly locate: Locator) {}

  span(start: number, end: number): Span {
    const { line, column } = this.locate(start);
    return { start, length: Math.max(0, end - start), line, column };
  }

  report(code: Code, at: { start: number; end: number }, args: readonly (string | number)[] = [], related: RelatedInfo[] = []): Diagnostic {
    const entry = messages[code];
    const d: Diagnostic = Object.freeze({
      ...this.span(at.start, at.end),
      code,
      name: entry.name,
      category: entry.category,
      message: formatMessage(code, args),
      related: Object.freeze(related),
    });
    this.items.push(d);
    return d;
  }

  related(message: string, at: { start: number; end: number }): RelatedInfo {
    return { ...this.span(at.start, at.end), message };
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.category === "error");
  }
}
