import { type Code } from "./messages.js";
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
export type Locator = (offset: number) => {
    line: number;
    column: number;
};
/** Collects diagnostics while a phase keeps going; exceptions are reserved for internal bugs. */
export declare class DiagnosticSink {
    private readonly locate;
    readonly items: Diagnostic[];
    constructor(locate: Locator);
    span(start: number, end: number): Span;
    report(code: Code, at: {
        start: number;
        end: number;
    }, args?: readonly (string | number)[], related?: RelatedInfo[]): Diagnostic;
    related(message: string, at: {
        start: number;
        end: number;
    }): RelatedInfo;
    get hasErrors(): boolean;
}
