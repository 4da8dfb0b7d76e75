/**
 * parfor's ESLint plugin (flat config, ESLint 9 and later):
 *
 *   import parfor from "parfor/eslint";
 *   export default [parfor.configs.recommended];
 *
 * The rules analyse the file's text with parfor's own analysis (the same as `parfor check`), so
 * they work with any parser. ESLint's default parser cannot read TypeScript, so when
 * `@typescript-eslint/parser` resolves (from the current folder, else from parfor) the
 * recommended config sets it as the parser (it reads JavaScript too): `.ts`/`.tsx` files lint with
 * no other block. A later config that sets a parser overrides it.
 */
import type { ESLint, Linter } from "eslint";
import { rules } from "./rules/index.js";
interface ParforPlugin extends ESLint.Plugin {
    readonly rules: typeof rules;
    readonly configs: {
        readonly recommended: Linter.Config;
    };
}
declare const plugin: ParforPlugin;
export default plugin;
export { rules };
