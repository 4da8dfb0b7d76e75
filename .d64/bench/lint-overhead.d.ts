/** A file of `kernels` kernels, padded with plain code to `lines` lines; every fifth kernel races. */
export declare function lintBenchFile(kernels: number, lines: number, typed: boolean, edit?: number): string;
