import { coalesce } from "@/lib/db/coalesce";

describe("coalesce", () => {
  it("merges the calls of one turn into one run and hands each caller its own outputs", async () => {
    const runs: number[][] = [];
    const double = coalesce(async (xs: number[]) => {
      runs.push(xs);
      return xs.map((x) => x * 2);
    });
    const [a, b, c] = await Promise.all([double([1, 2]), double([3]), double([4, 5, 6])]);
    expect([a, b, c]).toEqual([[2, 4], [6], [8, 10, 12]]);
    expect(runs).toEqual([[1, 2, 3, 4, 5, 6]]);
  });

  it("retries each call alone when the merged run fails, so only the bad caller fails", async () => {
    const runs: number[][] = [];
    const strict = coalesce(async (xs: number[]) => {
      runs.push(xs);
      if (xs.includes(-1)) throw new Error("bad row");
      return xs;
    });
    const results = await Promise.allSettled([strict([1]), strict([-1]), strict([2])]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(runs).toEqual([[1, -1, 2], [1], [-1], [2]]);
  });

  it("runs calls of later turns separately and answers an empty call at once", async () => {
    const runs: number[][] = [];
    const id = coalesce(async (xs: number[]) => {
      runs.push(xs);
      return xs;
    });
    await id([1]);
    await id([2]);
    expect(await id([])).toEqual([]);
    expect(runs).toEqual([[1], [2]]);
  });
});
