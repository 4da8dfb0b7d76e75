/**
 * The diagnostics catalogue: for every code of messages.ts, what it means and how to fix it,
 * with a kernel that triggers it. `renderCatalogue()` writes docs/diagnostics.md (a test keeps
 * that file in step: `UPDATE_DOCS=1 npx vitest run test/compiler/diagnostics-catalogue.test.ts`).
 * The `Record<Code, …>` type makes a missing entry a compile error.
 */
import { type Code } from "./messages.js";
export interface CatalogueEntry {
    /** what the finding means and why it matters */
    readonly explain: string;
    /** what to do */
    readonly fix: string;
    /** a kernel (or call) that triggers it */
    readonly example: string;
}
export declare const catalogue: Record<Code, CatalogueEntry>;
/** docs/diagnostics.md */
export declare function renderCatalogue(): string;
