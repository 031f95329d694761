import type { HistoryResponse, LatestPoint } from "@/lib/api/contracts";
import { periodBarRows } from "@/lib/dashboard/accounts-view";
import { flowsOf, rowOf } from "@/lib/dashboard/__tests__/accounts-fixtures";
import { dayStartMs } from "@/lib/format";
import { energyBarsCsv } from "../daily-energy-data";
import { buildHeatmap, heatColor, heatmapCsv, heatmapMode, slotLabel, type HeatmapMode } from "../heatmap-data";
import { buildPriceRows, currentPrices, hasPricePoints, priceCsv } from "../price-data";

const ZONE = "Australia/Melbourne";
describe("energy bars CSV", () => {
  test("Wh columns for flows with a value, empty cells for unknown, notes per span", () => {
    const rows = periodBarRows(
      [
        rowOf("day", "2025-06-14", dayStartMs("2025-06-14", ZONE), flowsOf({ solar: 12_345, load: 9000 })),
        rowOf(
          "day",
          "2025-06-15",
          dayStartMs("2025-06-15", ZONE),
          flowsOf({ solar: 2000, gridImport: 4000 }, { gridImport: "interpolated", solar: "integrated" }),
          { inProgress: true },
        ),
      ],
      ZONE,
    );
    expect(energyBarsCsv(rows, "day")).toEqual({
      header: ["day", "solar (Wh)", "load (Wh)", "grid import (Wh)", "note"],
      rows: [
        ["2025-06-14", 12345, 9000, null, ""],
        ["2025-06-15", 2000, null, 4000, "so far; spread across a gap: gridImport; not measured directly: solar"],
      ],
    });
  });
});

describe("heatmap", () => {
  const d0 = dayStartMs("2025-06-15", ZONE);
  const at = (min: number) => d0 + min * 60_000;
  test.each<[string, Array<[number, number | null]>, number, number, number | null]>([
    ["first interval (ends 00:05) is slot 0", [[at(5), 100]], 0, 0, 100],
    [
      "interval ending 00:30 starts 00:25: slot 0",
      [
        [at(30), 40],
        [at(25), 60],
      ],
      0,
      0,
      50,
    ],
    ["interval ending 00:35 is slot 1", [[at(35), 7]], 0, 1, 7],
    ["interval ending at midnight is the last slot of the day before", [[at(24 * 60), 9]], 0, 47, 9],
    ["nulls are skipped", [[at(5), null]], 0, 0, null],
    ["second day", [[at(24 * 60 + 13 * 60 + 5), 3]], 1, 26, 3],
  ])("%s", (_n, data, row, slot, value) => {
    const h = buildHeatmap(data, ["2025-06-15", "2025-06-16"], ZONE);
    expect(h.rows[row].slots[slot]).toBe(value);
  });

  test.each<[string, HeatmapMode, number]>([
    ["energy adds up: six 5-minute slices of a 2 kW load make 1 kWh", "sum", 1000],
    ["power averages", "mean", 1000 / 6],
  ])("%s", (_n, mode, value) => {
    const data: Array<[number, number | null]> = [5, 10, 15, 20, 25, 30].map((m) => [at(m), 1000 / 6]);
    expect(buildHeatmap(data, ["2025-06-15"], ZONE, mode).rows[0].slots[0]).toBeCloseTo(value, 9);
  });

  test.each<[string, HeatmapMode]>([
    ["delta", "sum"],
    ["avg", "mean"],
    ["value", "mean"],
  ])("a %s series is a %s", (field, mode) => expect(heatmapMode(field)).toBe(mode));

  test("min and max over the means", () => {
    const h = buildHeatmap(
      [
        [at(5), -200],
        [at(65), 300],
        [at(70), 500],
      ],
      ["2025-06-15"],
      ZONE,
    );
    expect([h.min, h.max]).toEqual([-200, 400]);
  });

  test.each<[number, number, number, string]>([
    [0, 0, 100, "hsl(55 95% 88%)"],
    [100, 0, 100, "hsl(265 60% 30%)"],
    [0, -10, 10, "hsl(210 10% 80%)"],
    [-10, -10, 10, "hsl(225 75% 32%)"],
    [10, -10, 10, "hsl(15 85% 40%)"],
    [5, 5, 5, "hsl(265 60% 30%)"],
  ])("heatColor(%d, %d, %d)", (v, min, max, colour) => expect(heatColor(v, min, max)).toBe(colour));

  test("slot labels and CSV", () => {
    expect([slotLabel(0), slotLabel(27), slotLabel(47)]).toEqual(["00:00", "13:30", "23:30"]);
    const h = buildHeatmap([[at(5), 100]], ["2025-06-15"], ZONE);
    expect(heatmapCsv(h, new Map([["2025-06-15", d0]]), ZONE, "solar (W)")).toEqual({
      header: ["day", "half_hour", "slot_start", "solar (W)"],
      rows: [["2025-06-15", "00:00", "2025-06-15T00:00:00+10:00", 100]],
    });
  });
});

describe("prices", () => {
  const lp = (path: string | null, value: number | null, valueStr: string | null = null): LatestPoint => ({
    pointId: 1,
    path,
    displayName: path ?? "Tariff period",
    unit: "c/kWh",
    value,
    valueStr,
    measurementTimeMs: 0,
    receivedTimeMs: 0,
  });
  test("price points decide whether the card shows", () => {
    expect(hasPricePoints([lp("bidi.grid/power", 1)])).toBe(false);
    expect(hasPricePoints([lp("bidi.grid.import/price", 25)])).toBe(true);
    const c = currentPrices([lp("bidi.grid.import/price", 25), lp("bidi.grid/text", null, "peak")]);
    expect([c.importPrice?.value, c.exportPrice, c.period]).toEqual([25, null, "peak"]);
  });

  test("rows merge import and feed-in prices inside the window; CSV follows", () => {
    const h: HistoryResponse = {
      aggregation: "5m",
      startMs: 0,
      endMs: 0,
      series: [
        {
          systemId: 1,
          pointId: 1,
          path: "bidi.grid.import/price",
          displayName: "",
          unit: "c/kWh",
          field: "avg",
          data: [
            [Date.UTC(2025, 0, 1, 0, 30), 20],
            [Date.UTC(2025, 0, 1, 1), 35],
            [Date.UTC(2025, 0, 2), 1],
          ],
        },
        {
          systemId: 1,
          pointId: 2,
          path: "bidi.grid.export/price",
          displayName: "",
          unit: "c/kWh",
          field: "avg",
          data: [[Date.UTC(2025, 0, 1, 1), 8]],
        },
      ],
    };
    const rows = buildPriceRows(h, Date.UTC(2025, 0, 1), Date.UTC(2025, 0, 1, 12));
    expect(rows).toEqual([
      { t: Date.UTC(2025, 0, 1, 0, 30), importPrice: 20 },
      { t: Date.UTC(2025, 0, 1, 1), importPrice: 35, exportPrice: 8 },
    ]);
    expect(priceCsv(rows, "UTC")).toEqual({
      header: ["interval_end", "import price (c/kWh)", "feed-in price (c/kWh)"],
      rows: [
        ["2025-01-01T00:30:00+00:00", 20, null],
        ["2025-01-01T01:00:00+00:00", 35, 8],
      ],
    });
  });
});
