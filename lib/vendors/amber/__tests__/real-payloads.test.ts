import { formatPointPath, type PointType } from "@/lib/points";
import { mapPrices, mapUsage, usageAmounts, type UsageFixes } from "../mapper";
import type { AmberRecord } from "../client";
import type { IntervalReading, PointDefinition } from "../../types";

const path = (p: PointDefinition) =>
  formatPointPath({ type: p.type as PointType, subtype: p.subtype, extension: p.extension, metric: p.metricType });
const sum = (rows: IntervalReading[], p: string) =>
  rows.filter((r) => path(r.point) === p).reduce((a, r) => a + (r.delta as number), 0);

/** A usage record shaped like the real API's (numbers invented): feed-in kWh negative, as Amber's schema says. */
const real = (over: Partial<AmberRecord>): AmberRecord => ({
  type: "Usage",
  duration: 30,
  endTime: "2025-11-21T03:30:00Z",
  perKwh: 24.87,
  spotPerKwh: 6.12,
  renewables: 61.4,
  channelType: "general",
  channelIdentifier: "E1",
  spikeStatus: "none",
  descriptor: "low",
  tariffInformation: { period: "solarSponge", demandWindow: false },
  quality: "billable",
  kwh: 0.412,
  cost: 10.25,
  ...over,
});

describe("Amber usage against real-world shapes", () => {
  it.each([
    // channel, kwh, perKwh, cost as Amber sends them → stored Wh, stored cost, flipped?
    ["general E1 import", "general", "E1", 0.412, 24.87, 10.25, 412, 10.25, 0],
    ["feed-in B1 earning", "feedIn", "B1", -1.2, -7.5, -9.0, 1200, -9.0, 0],
    ["feed-in B1 at a negative spot (export costs)", "feedIn", "B1", -0.8, 2.1, 1.68, 800, 1.68, 0],
    ["feed-in B1 cost from signed kWh (kWh × price)", "feedIn", "B1", -1.2, -7.5, 9.0, 1200, -9.0, 1],
    ["feed-in B1 with nothing exported", "feedIn", "B1", 0, -7.5, 0, 0, 0, 0],
  ] as const)("%s", (_label, channelType, id, kwh, perKwh, cost, wh, storedCost, flipped) => {
    const fixes: UsageFixes = { costSignFlipped: 0, negativeUsage: 0 };
    const r = real({ channelType, channelIdentifier: id, kwh, perKwh, cost });
    expect(usageAmounts(r, fixes)).toEqual({ wh, cost: storedCost });
    expect(fixes.costSignFlipped).toBe(flipped);
    const rows = mapUsage([r]);
    const dir = channelType === "feedIn" ? "export" : "import";
    expect(sum(rows, `bidi.grid.${dir}/energy`)).toBeCloseTo(wh, 9);
    expect(sum(rows, `bidi.grid.${dir}/cost`)).toBeCloseTo(storedCost, 9);
    // The price keeps Amber's sign (what the customer pays per kWh): negative = paid to export.
    expect(rows.find((x) => path(x.point) === `bidi.grid.${dir}/price`)?.avg).toBe(perKwh);
  });

  it("never stores a negative energy, and reports a negative kWh on a consumption channel instead of storing it", () => {
    const fixes: UsageFixes = { costSignFlipped: 0, negativeUsage: 0 };
    const rows = mapUsage(
      [
        real({ channelType: "feedIn", channelIdentifier: "B1", kwh: -1.2, perKwh: -7.5, cost: -9 }),
        real({ channelType: "general", channelIdentifier: "E1", kwh: -0.05, cost: -1.2 }),
      ],
      fixes,
    );
    expect(rows.filter((r) => r.point.metricType === "energy").every((r) => (r.delta as number) >= 0)).toBe(true);
    expect(rows.some((r) => path(r.point) === "bidi.grid.import/energy")).toBe(false);
    expect(fixes.negativeUsage).toBe(1);
  });

  it.each([
    ["spike status", "bidi.grid.spike/text", { spikeStatus: "potential" }, "potential"],
    ["descriptor", "bidi.grid.descriptor/text", { descriptor: "veryLow" }, "veryLow"],
  ] as const)("keeps the %s as a text point", (_label, p, over, expected) => {
    for (const rows of [mapUsage([real(over)]), mapPrices([real({ ...over, type: "ActualInterval" })])]) {
      const found = rows.filter((r) => path(r.point) === p);
      expect(found).toHaveLength(6);
      expect(found.every((r) => r.valueStr === expected)).toBe(true);
    }
  });

  it.each([
    [true, 1],
    [false, 0],
    [undefined, null],
  ])("keeps demandWindow %s as bidi.grid.demand_window/code = %s", (demandWindow, value) => {
    const rows = mapPrices([real({ type: "ActualInterval", tariffInformation: { period: "peak", demandWindow } })]);
    const found = rows.filter((r) => path(r.point) === "bidi.grid.demand_window/code");
    if (value === null) expect(found).toHaveLength(0);
    else expect(found.map((r) => r.avg)).toEqual(Array(6).fill(value));
  });

  it("takes site-wide fields from the general channel only (feed-in has its own descriptor)", () => {
    const rows = mapPrices([
      real({ type: "ActualInterval", descriptor: "low" }),
      real({ type: "ActualInterval", channelType: "feedIn", channelIdentifier: null, descriptor: "high" }),
    ]);
    expect(new Set(rows.filter((r) => path(r.point) === "bidi.grid.descriptor/text").map((r) => r.valueStr))).toEqual(
      new Set(["low"]),
    );
  });
});
