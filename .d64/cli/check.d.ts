/** One finding in a file, positions 1-based. */
export interface FileDiagnostic {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly endLine: number;
    readonly endColumn: number;
    readonly code: string;
    readonly name: string;
    readonly severity: "error" | "warning";
    readonly message: string;
    /** other locations that explain it (the other access of a race) */
    readonly related: readonly {
        readonly line: number;
        readonly column: number;
        readonly endLine: number;
        readonly endColumn: number;
        readonly message: string;
    }[];
}
/** Checks one file's kernels. */
export declare function checkFile(file: string, text?: string): FileDiagnostic[];
