/** RuleTester wired to Vitest, and helpers for exact expected messages. */
import tsParser from "@typescript-eslint/parser";
import { RuleTester } from "eslint";
import { afterAll, describe, it } from "vitest";
import { formatMessage, type Code } from "../../compiler/diagnostics/messages.js";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
RuleTester.afterAll = afterAll;

/** ESLint's default parser (espree), for .js and .mjs. */
export const jsTester = new RuleTester({ languageOptions: { ecmaVersion: "latest", sourceType: "module" } });

/** typescript-eslint's parser, for .ts and .tsx. */
export const tsTester = new RuleTester({ languageOptions: { parser: tsParser, sourceType: "module" } });

/** The message a rule reports for a code: the code, then the table's text filled in. */
export const message = (code: Code, ...args: string[]): string => `${code}: ${formatMessage(code, args)}`;

/** Lines joined with newlines: fixtures read like the file they stand for. */
export const lines = (...ls: string[]): string => ls.join("\n");
