import { renderToStaticMarkup } from "react-dom/server";
import { load } from "cheerio";
import type { LatestPoint } from "@/lib/api/contracts";
import { PointsGrid } from "../points-grid";

const point = (p: Partial<LatestPoint>): LatestPoint => ({
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

describe("All points", () => {
  const html = renderToStaticMarkup(
    <PointsGrid
      points={[
        point({ pointId: 1, path: "source.solar/energy", displayName: "Solar total", unit: "Wh", value: 30_787_000 }),
        point({ pointId: 2, path: "bidi.battery/soc", displayName: "SOC", unit: "%", value: 87 }),
        point({ pointId: 3, path: null, displayName: "Fault", unit: "", value: null, valueStr: "none" }),
      ]}
      state="ready"
      error={null}
      onRetry={() => undefined}
      nowMs={60_000}
      zone="Australia/Sydney"
    />,
  );
  const $ = load(html);

  it("shows each value in the unit it is displayed in, with no unit column that could disagree", () => {
    expect(
      $("th")
        .map((_, th) => $(th).text().trim())
        .get(),
    ).toEqual(["Point (path)", "Value", "Age"]);
    const values = $('[data-testid="point-value"]')
      .map((_, td) => $(td).text())
      .get();
    expect(values).toEqual(["87 %", "30,787 kWh", "none"]);
  });

  it("puts the path under the name and keeps no fixed minimum width (three columns fit a phone)", () => {
    const row = $('[data-testid="point-row"][data-path="source.solar/energy"] td').first();
    expect(row.text()).toBe("Solar totalsource.solar/energy");
    expect(html).not.toMatch(/min-w-\[/);
  });
});
