/** Timing and statistics helpers for the bench. */
/** The median of a list of numbers (mean of the middle two for even lengths). */
export function median(xs) {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}
/**
 * Times several jobs in interleaved rounds (every round runs each job once, in order), so a change
 * in the machine's load during the measurement hits them all alike and their ratios stay fair.
 * `warmup` untimed rounds come first. Returns one Timing per job.
 */
export function measureRounds(jobs, runs, warmup = 1) {
    const samples = jobs.map(() => []);
    for (let round = 0; round < warmup + runs; round++) {
        jobs.forEach((job, j) => {
            job.setup();
            const t0 = performance.now();
            job.run();
            if (round >= warmup)
                samples[j].push(performance.now() - t0);
        });
    }
    return samples.map((xs) => ({ median: median(xs), min: Math.min(...xs), runs }));
}
