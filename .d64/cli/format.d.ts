import type { FileDiagnostic } from "./check.js";
export declare function formatText(ds: readonly FileDiagnostic[], color: boolean): string;
export declare function formatJson(ds: readonly FileDiagnostic[]): string;
/** Where a code's documentation is: docs/diagnostics.md#pfxxxx on the repository of package.json. */
export declare function helpUri(repository: string, code: string): string;
export declare function formatSarif(ds: readonly FileDiagnostic[], version: string, repository?: string): string;
