type Arr = Float64Array | Int32Array;
type Args = (number | Arr)[];
interface Bench {
    readonly name: string;
    readonly title: string;
    /** the kernel with prange (compiled by parfor) */
    readonly kernel: (...a: never[]) => unknown;
    /** the same arithmetic with an ordinary for loop */
    readonly loop: (...a: never[]) => unknown;
    /** inputs; arrays made by `alloc` */
    readonly input: (alloc: <T extends Arr>(C: {
        new (n: number): T;
    }, n: number) => T) => Args;
    /** calls per timed run */
    readonly calls: number;
    /** arguments for the C program: name and sizes */
    readonly c: string;
}
export declare const benches: Bench[];
export {};
