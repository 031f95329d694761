import { formatPointPath, type PointType } from "@/lib/points";
import { channelPoint, fiveMinuteEnds, mapUsage, priceQuality, splitEvenly } from "../mapper";
import { nextUsageFrom, usageRange } from "../schedule";
import type { AmberRecord } from "../client";
import type { PointDefinition } from "../../types";

const path = (p: PointDefinition) =>
  formatPointPath({ type: p.type as PointType, subtype: p.subtype, extension: p.extension, metric: p.metricType });
const usage = (over: Partial<AmberRecord> = {}): AmberRecord => ({
  type: "Usage",
  duration: 30,
  endTime: "2025-11-21T03:30:00Z",
  perKwh: 24.87,
  spotPerKwh: 6.12,
  renewables: 61.4,
  channelType: "general",
  channelIdentifier: "E1",
  tariffInformation: { period: "shoulder" },
  quality: "billable",
  kwh: 0.412,
  cost: 10.25,
  ...over,
});

describe("Amber mapping", () => {
  it.each([
    ["general", "E1", "energy", "bidi.grid.import/energy", "E1"],
    ["feedIn", "B1", "cost", "bidi.grid.export/cost", "B1"],
    ["controlledLoad", "CL1", "energy", "load.controlled/energy", "CL1"],
    ["controlledLoad", "CL2", "energy", "load.controlled.cl2/energy", "CL2"],
    ["general", null, "price", "bidi.grid.import/price", "general"],
  ] as const)("%s %s %s → %s", (type, id, metric, expected, originId) => {
    const p = channelPoint(type, id, metric);
    expect(path(p)).toBe(expected);
    expect(p.originId).toBe(originId);
    expect(p.transform).toBeNull();
  });

  it.each([
    [0.412 * 1000, 6],
    [1000, 6],
    [0.001, 6],
    [10.25, 6],
    [7, 1],
  ])("splits %d into %i parts that sum back exactly", (total, n) => {
    const parts = splitEvenly(total, n);
    expect(parts).toHaveLength(n);
    expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 9);
  });

  it("maps the vendor-apis.md sample to six 5-minute rows per metric ending at 03:30Z", () => {
    const rows = mapUsage([usage()]);
    const energy = rows.filter((r) => path(r.point) === "bidi.grid.import/energy");
    expect(energy.map((r) => new Date(r.intervalEndMs).toISOString().slice(11, 16))).toEqual([
      "03:05",
      "03:10",
      "03:15",
      "03:20",
      "03:25",
      "03:30",
    ]);
    expect(energy.reduce((a, r) => a + (r.delta as number), 0)).toBeCloseTo(412, 9);
    expect(
      rows.filter((r) => path(r.point) === "bidi.grid.import/cost").reduce((a, r) => a + (r.delta as number), 0),
    ).toBeCloseTo(10.25, 9);
    expect(rows.find((r) => path(r.point) === "bidi.grid.tariff/text")?.valueStr).toBe("shoulder");
    expect(new Set(rows.map((r) => r.quality))).toEqual(new Set(["billable"]));
  });

  it("drops records that do not end on a 5-minute boundary", () => {
    expect(fiveMinuteEnds(usage({ endTime: "2025-11-21T03:31:00Z" }))).toEqual([]);
    expect(fiveMinuteEnds(usage({ duration: 5 }))).toEqual([Date.parse("2025-11-21T03:30:00Z")]);
  });

  it.each([
    [{ type: "ActualInterval" }, "actual"],
    [{ type: "CurrentInterval", estimate: true }, "estimated"],
    [{ type: "CurrentInterval", estimate: false }, "actual"],
    [{ type: "ForecastInterval", estimate: true }, "forecast"],
  ])("labels %j as %s", (over, quality) => {
    expect(priceQuality(usage(over as Partial<AmberRecord>))).toBe(quality);
  });

  it("resumes usage from the first day not yet billable, else from the newest record's day", () => {
    const est = usage({ endTime: "2025-12-14T20:00:00Z", quality: "estimated" }); // 06:00 NEM on the 15th
    const old = usage({ endTime: "2025-12-13T20:00:00Z" });
    expect(nextUsageFrom([old, est], "2025-12-12")).toBe("2025-12-15");
    expect(nextUsageFrom([old], "2025-12-12")).toBe("2025-12-14");
    expect(nextUsageFrom([], "2025-12-12")).toBe("2025-12-12");
    const now = Date.parse("2025-12-15T02:40:00Z");
    expect(usageRange(null, now)).toEqual({ startDate: "2025-12-13", endDate: "2025-12-15" });
    expect(usageRange({ usageFetchedAtMs: 0, usageFrom: "2030-01-01" }, now).startDate).toBe("2025-12-15");
  });
});
