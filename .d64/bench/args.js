/** Command-line options of bench/run.ts. */
import { availableParallelism } from "node:os";
export const USAGE = `usage: node dist/bench/run.js [--runs N] [--threads 1,2,4,8,16] [--only pi,matvec]

Runs every example as a plain for loop, as parfor on 1 thread and on all threads, and the
hand-written worker pi; writes bench/results/.

  --runs <n>          timed runs per variant after one warm-up (default 5)
  --threads <list>    thread counts for a scaling table (default: none)
  --only <names>      only these examples (comma-separated, e.g. pi,matvec)
  -h, --help          show this help`;
function list(v, flag) {
    if (v === undefined || v === "")
        throw new Error(`${flag} needs a value\n${USAGE}`);
    return v.split(",").map((s) => s.trim());
}
/** Parses argv (without node and the script). */
export function parseArgs(argv) {
    let runs = 5;
    let scaling = [];
    let only = [];
    let help = false;
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        if (flag === "--runs") {
            runs = Number(argv[++i]);
            if (!Number.isInteger(runs) || runs < 1)
                throw new Error(`--runs needs a positive integer\n${USAGE}`);
        }
        else if (flag === "--threads") {
            scaling = list(argv[++i], flag).map(Number);
            if (scaling.some((t) => !Number.isInteger(t) || t < 1))
                throw new Error(`--threads needs positive integers\n${USAGE}`);
        }
        else if (flag === "--only") {
            only = list(argv[++i], flag);
        }
        else if (flag === "--help" || flag === "-h") {
            help = true;
        }
        else {
            throw new Error(`unknown option ${flag}\n${USAGE}`);
        }
    }
    return { runs, scaling, allThreads: availableParallelism(), only, help };
}
