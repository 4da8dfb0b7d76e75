/** The kernel text for `f` with `arrays[k]` true where argument k is an array; or why not. */
export declare function mapKernelSource(fnText: string, arrays: readonly boolean[]): {
    source: string;
} | {
    error: string;
};
