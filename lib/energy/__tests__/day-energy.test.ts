import type { HistoryResponse, HistorySeries } from "@/lib/api/contracts";
import { buildDayEnergy, sumDays, type DaySpan } from "..";

const H = 3_600_000;
const D0 = Date.UTC(2025, 5, 14, 14); // local midnight 15 Jun in Melbourne (+10)
const days: DaySpan[] = [
  { day: "2025-06-15", startMs: D0, endMs: D0 + 24 * H },
  { day: "2025-06-16", startMs: D0 + 24 * H, endMs: D0 + 48 * H },
];

const s = (
  path: string,
  data: Array<[number, number | null]>,
  field: HistorySeries["field"] = "delta",
): HistorySeries => ({
  systemId: 1,
  pointId: 1,
  path,
  displayName: path,
  unit: path.endsWith("/energy") ? "Wh" : "W",
  field,
  data,
});
const resp = (aggregation: HistoryResponse["aggregation"], series: HistorySeries[]): HistoryResponse => ({
  aggregation,
  startMs: days[0].startMs,
  endMs: days[1].endMs,
  series,
});

describe("buildDayEnergy", () => {
  test("daily deltas are used as they are; today is marked partial", () => {
    const daily = resp("daily", [
      s("source.solar/energy", [
        [days[0].startMs, 18000],
        [days[1].startMs, 4000],
      ]),
      s("bidi.grid.import/energy", [[days[0].startMs, 2500]]),
    ]);
    const out = buildDayEnergy({ days, today: "2025-06-16", daily });
    expect(out.map((d) => [d.totals.solar, d.totals.gridImport, d.partial])).toEqual([
      [18000, 2500, false],
      [4000, null, true],
    ]);
    expect(out[0].estimated).toEqual([]);
  });

  test("solar parts are summed when there is no total", () => {
    const daily = resp("daily", [
      s("source.solar.local/energy", [[days[0].startMs, 1000]]),
      s("source.solar.remote/energy", [[days[0].startMs, 500]]),
    ]);
    expect(buildDayEnergy({ days, today: "x", daily })[0].totals.solar).toBe(1500);
  });

  test("5-minute deltas are summed by interval end: (start, end]", () => {
    const five = resp("5m", [
      s("load/energy", [
        [days[0].startMs, 999], // ends at midnight: belongs to the previous day
        [days[0].startMs + 5 * 60_000, 100],
        [days[0].endMs, 50],
        [days[1].startMs + 10 * 60_000, null],
      ]),
    ]);
    const out = buildDayEnergy({ days, today: "x", intervals: five });
    expect(out[0].totals.load).toBe(150);
    expect(out[1].totals.load).toBeNull();
  });

  // Power fallback: one hour of averages (12 five-minute or 2 thirty-minute) of sign × W.
  test.each<[string, "5m" | "30m", number, Partial<Record<string, number>>]>([
    ["battery discharging 1200 W, 5m", "5m", 1200, { batteryDischarge: 1200, batteryCharge: 0 }],
    ["battery charging 600 W, 5m", "5m", -600, { batteryDischarge: 0, batteryCharge: 600 }],
    ["battery discharging 1200 W, 30m", "30m", 1200, { batteryDischarge: 1200, batteryCharge: 0 }],
    ["battery charging 600 W, 30m", "30m", -600, { batteryDischarge: 0, batteryCharge: 600 }],
  ])("estimates from power when no energy point: %s", (_n, level, watts, expected) => {
    const stepMs = level === "5m" ? 300_000 : 1_800_000;
    const data: Array<[number, number]> = Array.from({ length: H / stepMs }, (_, i) => [
      days[0].startMs + (i + 1) * stepMs,
      watts,
    ]);
    const out = buildDayEnergy({ days, today: "x", intervals: resp(level, [s("bidi.battery/power", data, "avg")]) });
    expect(out[0].totals).toMatchObject(expected);
    expect(out[0].estimated).toEqual(["batteryCharge", "batteryDischarge"]);
    expect(out[1].totals.batteryCharge).toBeNull();
  });

  test("a daily value wins over the power estimate for the same flow", () => {
    const daily = resp("daily", [s("load/energy", [[days[0].startMs, 7000]])]);
    const five = resp("5m", [s("load/power", [[days[0].startMs + 300_000, 12000]], "avg")]);
    const out = buildDayEnergy({ days, today: "x", daily, intervals: five });
    expect(out[0].totals.load).toBe(7000);
    expect(out[0].estimated).toEqual([]);
    expect(out[1].totals.load).toBeNull();
  });
});

describe("sumDays", () => {
  test("sums known days and lists flows missing on some days", () => {
    const daily = resp("daily", [
      s("source.solar/energy", [
        [days[0].startMs, 1000],
        [days[1].startMs, 2000],
      ]),
      s("load/energy", [[days[1].startMs, 3000]]),
    ]);
    const sum = sumDays(buildDayEnergy({ days, today: "x", daily }));
    expect(sum.totals.solar).toBe(3000);
    expect(sum.totals.load).toBe(3000);
    expect(sum.totals.gridImport).toBeNull();
    expect(sum.incomplete).toEqual(["load"]);
  });
});
