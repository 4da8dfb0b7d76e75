import { afterAll, describe, expect, it } from "vitest";
import { array, free, shutdown } from "../../runtime/api.js";
import { invoke, invokeAsync } from "../../runtime/invoke.js";
import { loadTest, settings, sumKernel, sumReference } from "./kernels.js";

afterAll(() => shutdown());

/** The f64 bits of x, so "identical" means identical, not merely equal. */
const bits = (x: unknown): bigint => new BigUint64Array(new Float64Array([x as number]).buffer)[0]!;

describe("reductions are combined chunk by chunk in chunk order", () => {
  const k = loadTest(sumKernel());
  const n = 123_457;
  const cases = [
    ["static", 1],
    ["dynamic", 1],
    ["dynamic", 5],
    ["dynamic", 1000],
    ["guided", 1],
    ["guided", 5],
    ["guided", 1000],
  ] as const;
  for (const [schedule, chunk] of cases) {
    it(`gives identical bits for 1..4 threads (${schedule}, chunkSize ${chunk})`, async () => {
      const a = array(Float64Array, n);
      const results: bigint[] = [];
      for (const T of [1, 2, 3, 4]) {
        results.push(bits(invoke(k, [a, 0, -1, 0, n], settings(T, schedule, chunk))));
        results.push(bits(await invokeAsync(k, [a, 0, -1, 0, n], settings(T, schedule, chunk))));
      }
      const c =
        schedule === "static" ? Math.ceil(n / 256) : schedule === "guided" ? Math.max(chunk, Math.ceil(n / 256)) : Math.max(chunk, Math.ceil(n / 65536));
      const expected = bits(sumReference(0, n, c));
      expect(results).toEqual(new Array(results.length).fill(expected));
      free(a);
    });
  }

  it("depends on the chunking (so the test above can fail)", () => {
    expect(bits(sumReference(0, n, 1))).not.toBe(bits(sumReference(0, n, 483)));
  });

  it("folds the pre-loop value and honours a start offset", () => {
    const a = array(Float64Array, 1000);
    expect(invoke(k, [a, 0, -1, 500, 1000], settings(3))).toBe(sumReference(500, 1000, 2));
    expect(a[499]).toBe(0);
    expect(a[500]).toBe(1000);
    free(a);
  });
});
