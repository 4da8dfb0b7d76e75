/**
 * The nesting limit. Every phase walks the kernel recursively (the TypeScript parser too), so
 * nesting is bounded before anything recurses: brackets on the raw text before parsing (the
 * parser itself overflows near 800 nested calls), then the depth of the parsed tree (a sum of
 * 2000 terms is a tree 2000 deep) before the model is built. Both walks are iterative.
 * Measured on Node 20 with its default stack: the parser and every phase take 1,600 to 2,600
 * levels, so 500 leaves room for a caller that is itself deep in its stack.
 */
import type { TS } from "./typescript.js";
export declare const MAX_NESTING = 500;
/** The deepest bracket nesting of `text`, and the offset of its first bracket nested deeper than the limit (-1: none). */
export declare function bracketNesting(text: string): {
    depth: number;
    offset: number;
};
/** The depth of `root`'s tree, and a node at depth limit + 1 (null: within the limit). */
export declare function treeNesting(root: TS.Node): {
    depth: number;
    node: TS.Node | null;
};
