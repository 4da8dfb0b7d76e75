/**
 * Comments that silence one warning, honoured by every front door that reads a file (`parfor
 * check`, the ESLint rules, the TypeScript plugin):
 *
 *   // parfor-ignore PF2001 the last value is not used        (the line before the finding)
 *   // eslint-disable-next-line parfor/scalar-race            (ESLint's own; the line before)
 *   x = i; // eslint-disable-line parfor/scalar-race          (ESLint's own; the same line)
 *
 * `parfor-ignore` takes codes or names (`PF2001`, `scalar-race`, `parfor/scalar-race`), several
 * separated by commas or spaces, then free text (the reason). An ESLint directive without rule
 * names silences every rule, as in ESLint. Errors are never silenced: the kernel fails at run
 * time whatever a comment says.
 */
/** How a finding is silenced: by a `parfor-ignore` comment, by an ESLint directive, or not (null). */
export type Suppression = "parfor" | "eslint" | null;
/** Whether the warning `code` (`name`) that starts at `offset` of `text` is silenced by a comment. */
export declare function suppression(text: string, offset: number, code: string, name: string, category: "error" | "warning"): Suppression;
