import { dayStartMs } from "@/lib/format";
import {
  balanceOf,
  barTotals,
  hourBarRows,
  nodeTotals,
  periodBarRows,
  presentFlows,
  sankeyGraph,
  tableLines,
} from "../accounts-view";
import { energyUrl } from "../history-url";
import { parsePeriod } from "../period";
import { attributionOf, capabilitiesOf, flowsOf, intervalOf, rowOf } from "./accounts-fixtures";

const ZONE = "Australia/Melbourne";
const d14 = dayStartMs("2025-06-14", ZONE);
const d15 = dayStartMs("2025-06-15", ZONE);

describe("energy table lines", () => {
  test("known flows keep their Wh and provenance; unknown ones are null with the reason, never 0", () => {
    const row = rowOf("day", "2025-06-15", d15, flowsOf({ solar: 12_000, load: 9000 }, { load: "derived" }));
    const lines = tableLines(row, {
      capabilities: capabilitiesOf({ gridImport: "this system reports no grid meter" }),
    });
    expect(lines.map((l) => [l.flow, l.wh, l.provenance])).toEqual([
      ["solar", 12_000, "measured"],
      ["gridImport", null, "unknown"],
      ["batteryDischarge", null, "unknown"],
      ["load", 9000, "derived"],
      ["gridExport", null, "unknown"],
      ["batteryCharge", null, "unknown"],
    ]);
    // The flow's own reason wins over the capability's.
    expect(lines[1].reason).toBe("no gridImport here");
  });

  test.each<[string, Parameters<typeof flowsOf>[0], { in: number; out: number } | null]>([
    [
      "all known",
      { solar: 10, gridImport: 2, batteryDischarge: 1, load: 8, gridExport: 4, batteryCharge: 1 },
      { in: 13, out: 13 },
    ],
    ["one unknown: no balance", { solar: 10, load: 8 }, null],
  ])("balance: %s", (_n, wh, expected) => {
    expect(balanceOf(rowOf("day", "k", 0, flowsOf(wh)))).toEqual(expected);
  });
});

describe("bars", () => {
  const rows = [
    rowOf("day", "2025-06-14", d14, flowsOf({ solar: 12_345, load: 9000 })),
    rowOf("day", "2025-06-15", d15, flowsOf({ solar: 2000, gridImport: 4000 }, { gridImport: "interpolated" }), {
      inProgress: true,
    }),
  ];

  test("one bar group per row, kWh, null stays null; interpolated flows are marked", () => {
    const bars = periodBarRows(rows, ZONE);
    expect(bars.map((r) => [r.key, r.label, r.solar, r.load, r.gridImport, r.inProgress, r.interpolated])).toEqual([
      ["2025-06-14", "14 Jun", 12.345, 9, null, false, []],
      ["2025-06-15", "15 Jun", 2, null, 4, true, ["gridImport"]],
    ]);
    expect(presentFlows(bars)).toEqual(["solar", "load", "gridImport"]);
    expect(barTotals(bars)).toMatchObject({ solar: 14_345, load: 9000, gridImport: 4000, gridExport: null });
  });

  test("months of a year are labelled by month", () => {
    const bars = periodBarRows([rowOf("month", "2025-03", d14, flowsOf({ solar: 1 }))], ZONE);
    expect([bars[0].label, bars[0].title]).toEqual(["Mar", "Mar 2025"]);
  });

  test("a day's 5-minute intervals add up to hourly bars; an hour is unknown only if every interval is", () => {
    const intervals = [
      intervalOf(d15, flowsOf({ solar: 100, load: 50 })),
      intervalOf(d15 + 300_000, flowsOf({ solar: 200 }, {})),
      intervalOf(d15 + 3_600_000, flowsOf({ solar: 300, load: 10 }, { solar: "interpolated" })),
    ];
    const bars = hourBarRows(intervals, ZONE, true);
    expect(bars.map((r) => [r.label, r.solar, r.load, r.interpolated, r.inProgress])).toEqual([
      ["00:00", 0.3, 0.05, [], false],
      ["01:00", 0.3, 0.01, ["solar"], true],
    ]);
    expect(barTotals(bars).solar).toBeCloseTo(600, 9);
  });
});

describe("flow diagram", () => {
  test("links come from the server's attribution; unknown links are listed, not drawn", () => {
    const g = sankeyGraph(
      attributionOf({ solarToHome: 5000, solarToGrid: 3000, gridToHome: 1000, batteryToHome: null }),
    );
    expect(g.links).toHaveLength(3);
    expect(g.unknown).toEqual(["batteryToHome"]);
    expect(Object.fromEntries(nodeTotals(g))).toEqual({ Solar: 8000, Home: 6000, "Grid export": 3000, Grid: 1000 });
    expect(g.nodes.find((n) => n.name === "Home")?.flow).toBe("load");
  });

  test.each([
    ["more in than out", { from: { solar: 30 }, to: {} }, { Solar: 8030, "Not accounted for": 30 }],
    ["more out than in", { from: {}, to: { load: 30 } }, { Solar: 8000, Home: 6030, "Not accounted for": 30 }],
  ])("%s: the rest is its own node, so every other node is its flow's total", (_name, unaccounted, want) => {
    const a = attributionOf({ solarToHome: 5000, solarToGrid: 3000, gridToHome: 1000, batteryToHome: 0 });
    const g = sankeyGraph(a, unaccounted);
    const totals = Object.fromEntries(nodeTotals(g));
    for (const [name, wh] of Object.entries(want)) expect([name, totals[name]]).toEqual([name, wh]);
    expect(g.nodes.find((n) => n.name === "Not accounted for")!.flow).toBeUndefined();
  });
});

describe("energy URL", () => {
  test.each<[Record<string, string>, string]>([
    [{}, "period=day&from=2025-06-20&to=2025-06-20&intervals=1"],
    [{ period: "7D" }, "period=day&from=2025-06-14&to=2025-06-20"],
    [{ period: "M", date: "2025-02-10" }, "period=day&from=2025-02-01&to=2025-02-28"],
    [{ period: "Y", date: "2024-02-10" }, "period=month&from=2024-01-01&to=2024-12-31"],
    [{ period: "ALL" }, "period=year&from=2020-01-01&to=2025-06-20"],
  ])("%j", (params, query) => {
    expect(energyUrl(7, parsePeriod(params, "2025-06-20"))).toBe(`/api/systems/7/energy?${query}`);
  });
});

test("today's last hourly bar carries the running 5 minutes, so the bars add up to the day's row", () => {
  const intervals = [intervalOf(d15, flowsOf({ solar: 100, load: 50 }))];
  const bars = hourBarRows(intervals, ZONE, true, flowsOf({ solar: 160, load: 50 }));
  expect(barTotals(bars)).toMatchObject({ solar: 160, load: 50, gridImport: null });
  expect(bars[0].title).toContain("running 5 minutes");
});
