import os from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { threads } from "../../runtime/api.js";

const saved = process.env["PARFOR_NUM_THREADS"];
afterEach(() => {
  if (saved === undefined) delete process.env["PARFOR_NUM_THREADS"];
  else process.env["PARFOR_NUM_THREADS"] = saved;
});

describe("threads()", () => {
  it("defaults to os.availableParallelism()", () => {
    delete process.env["PARFOR_NUM_THREADS"];
    expect(threads()).toBe(os.availableParallelism());
  });

  it("reads PARFOR_NUM_THREADS", () => {
    process.env["PARFOR_NUM_THREADS"] = "3";
    expect(threads()).toBe(3);
    process.env["PARFOR_NUM_THREADS"] = " 16 ";
    expect(threads()).toBe(16);
  });

  for (const bad of ["", "0", "-2", "2.5", "abc", "4x", "1e3", "100000"]) {
    it(`rejects PARFOR_NUM_THREADS=${JSON.stringify(bad)} with a TypeError naming it`, () => {
      process.env["PARFOR_NUM_THREADS"] = bad;
      expect(() => threads()).toThrow(TypeError);
      expect(() => threads()).toThrow(/PARFOR_NUM_THREADS/);
    });
  }
});
