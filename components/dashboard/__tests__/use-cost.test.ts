import type { HistoryResponse, LatestPoint } from "@/lib/api/contracts";
import { costPaths, costTotals } from "../use-cost";

const series = (path: string, data: Array<[number, number | null]>) =>
  ({
    systemId: 1,
    pointId: 1,
    path,
    displayName: path,
    unit: "c",
    field: "delta",
    data,
  }) as HistoryResponse["series"][number];

describe("cost", () => {
  test("cost paths are the points in cents ending in /cost", () => {
    const p = (path: string, unit: string) => ({ path, unit }) as LatestPoint;
    expect(
      costPaths([
        p("bidi.grid.import/cost", "c"),
        p("bidi.grid.import/price", "c/kWh"),
        p("load.controlled/cost", "c"),
      ]),
    ).toEqual(["bidi.grid.import/cost", "load.controlled/cost"]);
  });

  test.each<[string, HistoryResponse["series"], ReturnType<typeof costTotals>]>([
    [
      "import and controlled load are bought, feed-in is its own side, nulls skipped",
      [
        series("bidi.grid.import/cost", [
          [1, 500],
          [2, null],
          [3, 250],
        ]),
        series("load.controlled/cost", [[1, 100]]),
        series("bidi.grid.export/cost", [[1, -300]]),
      ],
      { bought: 850, exported: -300, net: 550 },
    ],
    ["no values: no cost", [series("bidi.grid.import/cost", [[1, null]])], null],
  ])("%s", (_n, s, expected) => {
    expect(costTotals({ series: s } as HistoryResponse)).toEqual(expected);
  });
});
