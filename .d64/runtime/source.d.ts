import { type SourceOrigin } from "./errors.js";
import { type Mapper } from "./source-map.js";
export interface CallSite {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    /**
     * the same frame before any source mapping (V8's structured stack trace): where the running
     * JavaScript is, when `file` is already the original (`--enable-source-maps`, a test runner)
     */
    readonly raw?: {
        readonly file: string;
        readonly line: number;
        readonly column: number;
    };
}
/** Where a kernel's text is, with the file's source map (main thread only: not posted). */
export interface Located extends SourceOrigin {
    readonly mapper?: Mapper;
}
/** The first stack frame outside parfor's wrapper: the line that called `parallel()`. */
export declare function callerSite(): CallSite | null;
/**
 * Finds `text` (what `fn.toString()` gave) in the running JavaScript file of the call site, nearest
 * the call, with that file's source map when it has one; else in the site's file as reported.
 */
export declare function locateSource(site: CallSite | null, text: string): Located | null;
/** A kernel-relative position made absolute, through the source map when the file has one. */
export declare function mapPosition(o: Located, line: number, column: number): {
    readonly file?: string;
    readonly line: number;
    readonly column: number;
};
/** The origin as posted to workers: plain data, with the positions `points` already mapped. */
export declare function plainOrigin(o: Located, points: readonly {
    readonly line: number;
    readonly column: number;
}[]): SourceOrigin;
/**
 * The name a kernel made at `site` is bound to: `const smooth = parallel(...)` is "smooth", as is
 * `{ smooth: parallel(...) }`, `obj.smooth = parallel(...)` and `export const smooth = ...`;
 * `export default parallel(...)` is "default". Read from the source text before the call (the
 * call's own namespace, `parfor.parallel(`, skipped); null when there is no such binding.
 */
export declare function bindingName(site: CallSite | null): string | null;
