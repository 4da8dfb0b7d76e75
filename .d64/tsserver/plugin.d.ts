/**
 * The language-service decoration behind `parfor/tsserver`: parfor's diagnostics appended to
 * the file's semantic diagnostics, and their mechanical fixes as quick fixes. The analysis is
 * the shared one (`eslint/analysis.ts`: `findKernels` + `check`, cached per kernel text), so a
 * keystroke re-analyses only the kernel it changed.
 */
import type * as TS from "typescript";
import { type Code } from "../eslint/analysis.js";
/** What a user may set per warning name; errors always show as errors. */
export type Level = "off" | "suggestion" | "warning" | "error";
export interface PluginConfig {
    readonly name?: string;
    /** per diagnostic name (`"scalar-race": "off"`) */
    readonly diagnostics?: Readonly<Record<string, Level>>;
}
/** The part of the TypeScript module the decoration uses (tsserver hands its own). */
export type TsModule = Pick<typeof TS, "DiagnosticCategory">;
/** Mutable holder so `onConfigurationChanged` reaches every decorated service. */
export interface PluginState {
    config: PluginConfig;
}
/** parfor's codes as TypeScript diagnostic numbers (PF2001 -> 1002001), clear of TypeScript's own. */
export declare const CODE_BASE = 1000000;
export declare const tsCode: (code: Code) => number;
/** The language service with parfor's diagnostics and quick fixes added. */
export declare function decorate(ts: TsModule, info: TS.server.PluginCreateInfo, state: PluginState): TS.LanguageService;
