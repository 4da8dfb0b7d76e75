import { type ModuleBuilder } from "./wasm/encoder.js";
/**
 * Adds the functions; returns the indices of `shadow(me, base, index, mode, param)` (`me` is the
 * access's word, epoch << 48 | (ordinal + 1) << 16 | site, `base` its array's shadow block) and
 * of `shadowLog(kind, other, param, index, me)`, which records one race (0 write after write, 1
 * write after read, 2 read after write).
 */
export declare function addShadowFunctions(m: ModuleBuilder): {
    shadow: number;
    shadowLog: number;
};
