/** Schedules and chunk sizes must not change any result (float reductions keep their bits). */
import { describe } from "vitest";
import { prange } from "../../index.js";
import { diff, type Rng } from "./harness.js";

const SCHEDULES = [
  { schedule: "static" },
  { schedule: "dynamic" },
  { schedule: "dynamic", chunkSize: 1 },
  { schedule: "dynamic", chunkSize: 7 },
  { schedule: "dynamic", chunkSize: 1000 },
  { schedule: "guided" },
  { schedule: "guided", chunkSize: 7 },
  { schedule: "guided", chunkSize: 1000 },
  {},
] as const;

for (const so of SCHEDULES) {
  const tag = `${"schedule" in so ? so.schedule : "default"}${"chunkSize" in so ? ` chunkSize ${so.chunkSize}` : ""}`;
  describe(`schedule ${tag}`, () => {
    diff(`${tag}: elementwise with a stride`, (a: Float64Array, o: Float64Array) => {
      for (const i of prange(o.length - 1, -1, -2)) o[i] = a[i] * 3 - i;
    }, (rng: Rng) => { const n = rng.int(1, 4000); return [rng.ints(n), new Float64Array(n)]; }, { parallelOptions: so, modes: ["typed", "parfor"] });
    diff(`${tag}: integer sum, min and count`, (a: Float64Array) => {
      let s = 7; let m = Infinity; let c = 0;
      for (const i of prange(a.length)) { s += a[i]; m = Math.min(m, a[i]); if (a[i] > 0) c++; }
      return s + m * 1e-4 + c * 1e8;
    }, (rng: Rng) => [rng.ints(rng.int(0, 4000))], { parallelOptions: so, modes: ["typed", "parfor"] });
    diff(`${tag}: float sum is bit-identical across thread counts`, (a: Float64Array) => {
      let s = 0;
      for (const i of prange(a.length)) s += a[i] * a[i] - 0.3;
      return s;
    }, (rng: Rng) => [rng.f64(rng.int(1, 5000))], { parallelOptions: so, floatReduction: true, modes: ["typed", "parfor"] });
    diff(`${tag}: uneven per-iteration work`, (o: Float64Array) => {
      for (const i of prange(o.length)) { let s = 0; for (let j = 0; j < (i % 97) * 10; j++) s += j ^ i; o[i] = s; }
    }, (rng: Rng) => [new Float64Array(rng.int(1, 1500))], { parallelOptions: so, modes: ["typed"] });
  });
}
