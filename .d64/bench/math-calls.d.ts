export interface MathCallResult {
    readonly name: string;
    /** ns per call, kernel on 1 thread */
    readonly kernelNs: number;
    /** ns per call, plain JavaScript loop */
    readonly plainNs: number;
    /** plain / kernel: > 1 means the kernel is faster */
    readonly speedup: number;
    readonly ok: boolean;
}
export declare function benchMath(runs: number, only?: ReadonlySet<string>, n?: number): {
    loop: {
        kernelNs: number;
        plainNs: number;
    };
    results: MathCallResult[];
};
