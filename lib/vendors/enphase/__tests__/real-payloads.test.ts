import { pathOfPoint } from "@/lib/points";
import { ENPHASE_POINTS, mapIntervals } from "../mapper";
import type { MicroInterval } from "../client";

/**
 * A day of production_micro shaped like a recorded one (numbers invented): 288 intervals, micros asleep
 * (0 reporting, no energy) at night and 49 of 50 reporting all day long: one micro-inverter has died.
 */
const START_S = 1732140000; // a local midnight
const day: MicroInterval[] = Array.from({ length: 288 }, (_, k) => {
  const end = START_S + (k + 1) * 300;
  const sun = k >= 70 && k < 230;
  return { end_at: end, devices_reporting: sun ? 49 : 0, powr: sun ? 2400 : 0, enwh: sun ? 200 : 0 };
});

describe("Enphase production_micro against a real-world day", () => {
  const rows = mapIntervals(day, 50);
  const series = (p: string) => rows.filter((r) => pathOfPoint(r.point) === p);

  it("keeps devices_reporting and total_devices as 5-minute points next to power and energy", () => {
    const reporting = series("source.solar.reporting/code");
    const devices = series("source.solar.devices/code");
    expect(reporting).toHaveLength(288);
    expect(devices).toHaveLength(288);
    expect(new Set(devices.map((r) => r.avg))).toEqual(new Set([50]));
    // The gap an alert can watch: at best 49 of 50 all day.
    expect(Math.max(...reporting.map((r) => r.avg!))).toBe(49);
    expect(reporting[100]).toMatchObject({ intervalEndMs: (START_S + 101 * 300) * 1000, avg: 49, last: 49 });
    expect(series("source.solar/energy").reduce((s, r) => s + r.delta!, 0)).toBe(160 * 200);
  });

  it.each([
    ["no total_devices in the response", null, [49]],
    ["no devices_reporting in an interval", 50, undefined],
  ])("writes only what was sent: %s", (_label, total, reportingSent) => {
    const one: MicroInterval = { end_at: START_S + 300, powr: 10, enwh: 1, devices_reporting: reportingSent?.[0] };
    const paths = mapIntervals([one], total).map((r) => pathOfPoint(r.point));
    expect(paths.includes("source.solar.reporting/code")).toBe(reportingSent !== undefined);
    expect(paths.includes("source.solar.devices/code")).toBe(reportingSent !== undefined && total !== null);
  });

  it("types the counts so that no energy or power view picks them up", () => {
    for (const p of [ENPHASE_POINTS.reporting, ENPHASE_POINTS.devices]) {
      expect(p.metricType).toBe("code");
      expect(p.transform).toBeNull();
    }
  });
});
