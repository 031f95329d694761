import { formatPointPath, METRIC_UNITS, type MetricType, type PointType } from "@/lib/points";
import { FRONIUS_POINTS, mapPush } from "../mapper";
import { froniusPushSchema, type FroniusStore } from "../schema";

const body = (over: Record<string, unknown> = {}): FroniusStore => {
  const parsed = froniusPushSchema.parse({
    apiKey: "k".repeat(32),
    action: "store",
    timestamp: "2025-12-15T13:30:00+11:00",
    ...over,
  });
  return parsed as FroniusStore;
};
const byOrigin = (b: FroniusStore) => Object.fromEntries(mapPush(b).map((r) => [r.point.originId, r]));

describe("Fronius push mapping", () => {
  it("passes batteryW (+ discharging) and gridW (+ import) through unchanged, at the push timestamp", () => {
    const r = byOrigin(body({ batteryW: -2500, gridW: 800, solarW: 0 }));
    expect(r.batteryW.value).toBe(-2500);
    expect(r.gridW.value).toBe(800);
    expect(r.batteryW.measurementTimeMs).toBe(Date.parse("2025-12-15T02:30:00Z"));
  });

  it.each([
    [{ solarLocalW: 3000, solarRemoteW: 1200 }, 4200],
    [{ solarLocalW: 3000 }, 3000],
    [{ solarW: 4100, solarLocalW: 3000, solarRemoteW: 1200 }, 4100],
  ])("total solar of %j is %i", (fields, total) => {
    expect(byOrigin(body(fields)).solarW.value).toBe(total);
  });

  it.each([
    [1765765800, Date.parse("2025-12-15T02:30:00Z")],
    [1765765800000, Date.parse("2025-12-15T02:30:00Z")],
    ["2025-12-15T02:30:00Z", Date.parse("2025-12-15T02:30:00Z")],
  ])("reads a fault time of %p as ms", (faultTimestamp, ms) => {
    const r = byOrigin(body({ faultCode: 17, faultTimestamp }));
    expect(r.faultTimestamp.value).toBe(ms);
    expect(r.faultCode.valueStr).toBe("17");
  });

  it("skips missing fields and a zero fault code", () => {
    expect(Object.keys(byOrigin(body({ loadW: 500, faultCode: 0, faultTimestamp: 0 })))).toEqual(["loadW"]);
  });

  it("gives every point a canonical unit and a path", () => {
    for (const p of Object.values(FRONIUS_POINTS)) {
      expect(p.unit).toBe(METRIC_UNITS[p.metricType as MetricType]);
      expect(
        formatPointPath({
          type: p.type as PointType,
          subtype: p.subtype,
          extension: p.extension,
          metric: p.metricType,
        }),
      ).toMatch(/^(source|load|bidi)[.a-z]*\/[a-z]+$/);
      expect(p.transform).toBeNull(); // interval energies and instantaneous values: nothing to differentiate
    }
  });
});
