import type { BarRow } from "@/lib/dashboard/accounts-view";
import { describeBarRow } from "../daily-energy-chart";
import { describePowerRow } from "../power-chart-tooltip";
import { describePriceRow } from "../price-chart";

const ZONE = "Australia/Sydney";
const T = Date.UTC(2025, 0, 6, 3, 5); // 14:05 in Sydney

describe("what a chart's readout says for the point in focus", () => {
  it.each<[Parameters<typeof describePowerRow>[0], string]>([
    [
      { t: T, solar: 3420, load: -850, batteryIn: -0.4, soc: 87.4 },
      "Mon 6 Jan, 14:05: Solar 3.42 kW, Home 850 W, State of charge 87 %",
    ],
    [{ t: T, solar: 0, load: 0 }, "Mon 6 Jan, 14:05: no power flowing"],
    [{ t: T, solar: null, load: null }, "Mon 6 Jan, 14:05: no data"],
  ])("power %j", (row, text) => expect(describePowerRow(row, ["solar", "load", "batteryIn"], ZONE)).toBe(text));

  it("energy bars: known flows in kWh, estimates, gaps and a running span marked, unknown left out", () => {
    const row = {
      key: "2025-01-06",
      title: "6 Jan",
      inProgress: true,
      estimated: ["load"],
      interpolated: ["batteryCharge"],
      solar: 20.5,
      load: 12,
      batteryCharge: 1,
      gridImport: null,
    } as unknown as BarRow;
    expect(describeBarRow(row, ["solar", "load", "gridImport", "batteryCharge"])).toBe(
      "6 Jan (so far): Solar 20.5 kWh, Home 12.0 kWh (estimated), Battery charge 1.00 kWh (spread across a gap)",
    );
  });

  it.each<[Parameters<typeof describePriceRow>[0], RegExp]>([
    [
      { t: T, importPrice: 23.456, exportPrice: null },
      /^Until Mon 6 Jan, 14:05: buy 23\.5 c\/kWh, Normal \(15–30 c\)$/,
    ],
    [{ t: T, importPrice: null }, /: no price$/],
  ])("prices %j", (row, text) => expect(describePriceRow(row, ZONE)).toMatch(text));
});
