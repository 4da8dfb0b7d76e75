import { type KernelReport } from "../compiler/index.js";
export interface FileReport {
    readonly file: string;
    readonly kernels: readonly (KernelReport & {
        readonly line: number;
        readonly column: number;
    })[];
    readonly parseError?: string;
}
/** The reports of one file's kernels, positions absolute. */
export declare function explainFile(file: string, text?: string, number?: "s" | "i" | "f"): {
    text: string;
    report: FileReport;
};
export declare function runExplain(argv: readonly string[], files: (patterns: readonly string[]) => Promise<string[]>): Promise<number>;
