import { renderToStaticMarkup } from "react-dom/server";
import type { LatestPoint } from "@/lib/api/contracts";
import { parsePeriod } from "@/lib/dashboard/period";
import { capabilitiesOf, flowsOf, rowOf } from "@/lib/dashboard/__tests__/accounts-fixtures";
import { EnergyTable } from "../energy-table";
import { heatmapDays, heatmapOptions } from "../heatmap-panel";
import { periodTitle } from "../period-switcher";
import { pointValueText } from "../points-grid";

const lp = (p: Partial<LatestPoint>): LatestPoint => ({
  pointId: 1,
  path: null,
  displayName: "x",
  unit: "W",
  value: 1,
  valueStr: null,
  measurementTimeMs: 0,
  receivedTimeMs: 0,
  ...p,
});

describe("periodTitle", () => {
  test.each<[Record<string, string>, string]>([
    [{ date: "2025-06-16" }, "Monday 16 June 2025"],
    [{ period: "7D", date: "2025-06-16" }, "Tue 10 Jun – Mon 16 Jun 2025"],
    [{ period: "30D", date: "2025-06-16" }, "Sun 18 May – Mon 16 Jun 2025"],
    [{ period: "M", date: "2025-02-16" }, "February 2025"],
    [{ period: "Y", date: "2024-02-16" }, "2024"],
    [{ period: "ALL" }, "All time"],
  ])("%j", (params, title) => {
    expect(periodTitle(parsePeriod(params, "2025-06-20"), "Australia/Melbourne")).toBe(title);
  });
});

describe("heatmap choices", () => {
  test("numeric points only, preferred paths first", () => {
    const options = heatmapOptions([
      lp({ pointId: 1, path: "bidi.inverter.fault/text", value: null, valueStr: "ok", unit: "" }),
      lp({ pointId: 2, path: "bidi.battery/soc", displayName: "SOC", unit: "%" }),
      lp({ pointId: 3, path: null, displayName: "Alpha" }),
      lp({ pointId: 4, path: "source.solar/power", displayName: "Solar" }),
      lp({ pointId: 5, path: "bidi.inverter.fault/time", unit: "ms" }),
    ]);
    expect(options.map((o) => o.pointId)).toEqual([4, 2, 3]);
  });
  test.each<[Record<string, string>, number, string, string]>([
    [{ date: "2025-06-16" }, 7, "2025-06-10", "2025-06-16"],
    [{ period: "7D", date: "2025-06-16" }, 7, "2025-06-10", "2025-06-16"],
    [{ period: "30D", date: "2025-06-16" }, 30, "2025-05-18", "2025-06-16"],
    [{ period: "M", date: "2025-02-16" }, 28, "2025-02-01", "2025-02-28"],
    [{ period: "Y", date: "2024-02-16" }, 30, "2024-12-02", "2024-12-31"],
  ])("days for %j", (params, n, first, last) => {
    const days = heatmapDays(parsePeriod(params, "2025-06-20"));
    expect([days.length, days[0], days[days.length - 1]]).toEqual([n, first, last]);
  });
});

test.each<[Partial<LatestPoint>, string]>([
  [{ value: 1234, unit: "W" }, "1.23 kW"],
  [{ value: 12_345, unit: "Wh" }, "12.3 kWh"],
  [{ value: 23.456, unit: "c/kWh" }, "23.5 c/kWh"],
  [{ value: null, valueStr: "peak", unit: "" }, "peak"],
  [{ value: null, unit: "W" }, "—"],
  [{ value: Date.UTC(2025, 0, 6, 3, 5), unit: "ms" }, "Mon 6 Jan, 14:05"],
])("pointValueText %j", (p, text) => expect(pointValueText(lp(p), "Australia/Sydney")).toBe(text));

describe("energy table", () => {
  const flows = flowsOf(
    { solar: 20_000, load: 12_000, gridImport: 2000, gridExport: 6000, batteryCharge: 5000, batteryDischarge: 1000 },
    { load: "derived" },
  );

  test("kWh per flow as the accounts give them, the server's ratios, footnotes", () => {
    const total = rowOf("day", "total", 0, flows, { selfConsumptionPct: 70, selfSufficiencyPct: 83.3 });
    const html = renderToStaticMarkup(<EnergyTable total={total} />);
    expect(html).toContain('data-testid="energy-solar" data-wh="20000"');
    expect(html).toContain("20.0 kWh");
    expect(html).toMatch(/energy-self-consumption"[^>]*>70 %/);
    expect(html).toMatch(/energy-self-sufficiency"[^>]*>83 %/);
    expect(html).toContain("Worked out from the other flows");
    expect(html).toContain('data-in="23000" data-out="23000"');
  });

  test("an unknown flow shows — with its reason and no invented percentage", () => {
    const total = rowOf("day", "total", 0, flowsOf({ solar: 20_000 }), {
      selfSufficiencyReason: "the home's use is not known",
    });
    const html = renderToStaticMarkup(
      <EnergyTable total={total} capabilities={capabilitiesOf({ gridImport: "this system reports no grid meter" })} />,
    );
    expect(html).toMatch(/data-testid="energy-gridImport" data-wh=""[^>]*><span[^>]*>—/);
    expect(html).toContain("no gridImport here");
    expect(html).toMatch(/energy-self-sufficiency" data-pct=""[^>]*>—/);
    expect(html).toContain("the home&#x27;s use is not known");
    expect(html).not.toMatch(/\d+ %/);
    expect(html).not.toContain("energy-balance");
  });

  test("cost rows when the system reports cost", () => {
    const total = rowOf("day", "total", 0, flowsOf({ gridImport: 5000 }));
    const html = renderToStaticMarkup(<EnergyTable total={total} cost={{ bought: 1234, exported: -200, net: 1034 }} />);
    expect(html).toMatch(/energy-cost-bought" data-cents="1234"[^>]*>\$12.34/);
    expect(html).toMatch(/energy-cost-net" data-cents="1034"[^>]*>\$10.34/);
  });
});
