/** A started pool of pi workers; `run` is synchronous like a parfor call. */
export declare class HandWrittenPi {
    readonly workers: number;
    private readonly ctrl;
    private readonly f64;
    private readonly pool;
    private constructor();
    /** Starts `workers` workers and resolves once all are running. */
    static start(workers?: number): Promise<HandWrittenPi>;
    /** pi with nsteps midpoints, split evenly over the workers. */
    run(nsteps: number): number;
    /** Stops the workers. */
    close(): Promise<void>;
}
