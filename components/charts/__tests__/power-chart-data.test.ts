import type { HistoryResponse, HistorySeries } from "@/lib/api/contracts";
import {
  buildPowerChartData,
  powerCsv,
  presentStackKeys,
  stackPowerRows,
  STEP_MS,
  type PowerChartRow,
  type PowerSeriesKey,
} from "../power-chart-data";

const START = 1_750_000_000_000 - (1_750_000_000_000 % STEP_MS);
const END = START + 24 * 12 * STEP_MS;
const at = (steps: number) => START + steps * STEP_MS;

const series = (path: string | null, data: Array<[number, number | null]>): HistorySeries => ({
  systemId: 1,
  pointId: 1,
  path,
  displayName: path ?? "?",
  unit: "W",
  field: "avg",
  data,
});
const HALF = 6 * STEP_MS;
const history = (...s: HistorySeries[]): HistoryResponse => historyAt("5m", ...s);
const historyAt = (aggregation: HistoryResponse["aggregation"], ...s: HistorySeries[]): HistoryResponse => ({
  aggregation,
  startMs: START,
  endMs: END,
  series: s,
});

describe("buildPowerChartData", () => {
  test("merges series by interval end and lists the keys present", () => {
    const { rows, present } = buildPowerChartData(
      history(
        series("source.solar/power", [
          [at(1), 1000],
          [at(2), 1200],
        ]),
        series("bidi.battery/soc", [
          [at(1), 50],
          [at(2), 51],
        ]),
        series("bidi.grid/power", [[at(2), null]]),
        series("load.hvac/power", [[at(1), 300]]),
      ),
      START,
      END,
    );
    expect(rows).toEqual([
      { t: at(1), solar: 1000, soc: 50 },
      { t: at(2), solar: 1200, soc: 51, grid: null },
    ]);
    expect(present).toEqual(["solar", "soc"]);
  });

  test.each<[string, Array<[number, number | null]>, number[]]>([
    [
      "interval ending at the day start belongs to yesterday",
      [
        [at(0), 5],
        [at(1), 6],
      ],
      [at(1)],
    ],
    [
      "interval ending at the day end is today's last",
      [
        [END, 7],
        [END + STEP_MS, 8],
      ],
      [END],
    ],
    [
      "one missing step inserts one gap row",
      [
        [at(1), 1],
        [at(3), 3],
      ],
      [at(1), at(2), at(3)],
    ],
    [
      "a long outage inserts a single gap row",
      [
        [at(1), 1],
        [at(40), 3],
      ],
      [at(1), at(2), at(40)],
    ],
    [
      "unordered input comes out sorted",
      [
        [at(3), 3],
        [at(1), 1],
        [at(2), 2],
      ],
      [at(1), at(2), at(3)],
    ],
  ])("%s", (_name, data, times) => {
    const { rows } = buildPowerChartData(history(series("load/power", data)), START, END);
    expect(rows.map((r) => r.t)).toEqual(times);
  });

  test.each<[string, number, number[]]>([
    // SolarEdge at night: a point every 30 minutes (6 steps) is its normal spacing, joined up, not a gap.
    ["points 30 minutes apart within a 35-minute normal spacing are joined", 35 * 60_000, [at(1), at(7), at(13)]],
    ["without a declared spacing the same points are broken by gaps", 0, [at(1), at(2), at(7), at(8), at(13)]],
    ["an outage longer than the normal spacing is still a gap", 25 * 60_000, [at(1), at(2), at(7), at(8), at(13)]],
  ])("%s", (_name, maxDataGapMs, times) => {
    const data: Array<[number, number | null]> = [
      [at(1), 300],
      [at(7), 320],
      [at(13), 310],
    ];
    const { rows } = buildPowerChartData(history(series("load/power", data)), START, END, maxDataGapMs);
    expect(rows.map((r) => r.t)).toEqual(times);
  });

  test("gap rows carry no values", () => {
    const { rows } = buildPowerChartData(
      history(
        series("load/power", [
          [at(1), 1],
          [at(3), 3],
        ]),
      ),
      START,
      END,
    );
    expect(rows[1]).toEqual({ t: at(2) });
  });

  test("solar parts are summed only when no total exists; a missing part makes the sum null", () => {
    const parts = [
      series("source.solar.local/power", [
        [at(1), 100],
        [at(2), 200],
      ]),
      series("source.solar.remote/power", [[at(1), 50]]),
    ];
    expect(buildPowerChartData(history(...parts), START, END).rows).toEqual([
      { t: at(1), solar: 150 },
      { t: at(2), solar: null },
    ]);
    const withTotal = buildPowerChartData(history(...parts, series("source.solar/power", [[at(1), 999]])), START, END);
    expect(withTotal.rows).toEqual([{ t: at(1), solar: 999 }]);
  });

  test("empty history gives no rows and no keys", () => {
    expect(buildPowerChartData(history(), START, END)).toEqual({ rows: [], stepMs: STEP_MS, present: [] });
  });

  // 7D asks for 30-minute rows: consecutive half hours are not a gap; a missing half hour is one.
  test.each<[string, HistoryResponse["aggregation"], Array<[number, number | null]>, number[]]>([
    [
      "30m: consecutive half hours draw as one line",
      "30m",
      [
        [START + HALF, 1],
        [START + 2 * HALF, 2],
        [START + 3 * HALF, 3],
      ],
      [START + HALF, START + 2 * HALF, START + 3 * HALF],
    ],
    [
      "30m: a missing half hour inserts one gap row",
      "30m",
      [
        [START + HALF, 1],
        [START + 3 * HALF, 3],
      ],
      [START + HALF, START + 2 * HALF, START + 3 * HALF],
    ],
    [
      "5m: the same half-hour spacing is a gap after every point",
      "5m",
      [
        [START + HALF, 1],
        [START + 2 * HALF, 2],
      ],
      [START + HALF, START + HALF + STEP_MS, START + 2 * HALF],
    ],
  ])("%s", (_name, aggregation, data, times) => {
    const out = buildPowerChartData(historyAt(aggregation, series("load/power", data)), START, END);
    expect(out.rows.map((r) => r.t)).toEqual(times);
    expect(out.stepMs).toBe(aggregation === "30m" ? HALF : STEP_MS);
  });
});

describe("stackPowerRows", () => {
  test.each<[string, PowerChartRow, Record<string, number | null>]>([
    [
      "sunny, charging, exporting",
      { t: 1, solar: 5000, load: 1000, battery: -2500, grid: -1500, soc: 60 },
      { solar: 5000, batteryOut: 0, gridIn: 0, load: -1000, batteryIn: -2500, gridOut: -1500, soc: 60 },
    ],
    [
      "evening: battery and grid supply the home",
      { t: 1, solar: 0, load: 2000, battery: 1500, grid: 500 },
      { solar: 0, batteryOut: 1500, gridIn: 500, load: -2000, batteryIn: 0, gridOut: 0 },
    ],
    ["gap stays a gap", { t: 1, solar: null, battery: null }, { solar: null, batteryOut: null, batteryIn: null }],
  ])("%s", (_n, row, expected) => {
    const [out] = stackPowerRows([row]);
    const { t, ...rest } = out;
    expect(t).toBe(1);
    for (const [k, v] of Object.entries(rest)) expect([k, v === 0 ? 0 : v]).toEqual([k, expected[k]]);
    expect(Object.keys(rest).sort()).toEqual(Object.keys(expected).sort());
  });

  test("presentStackKeys follows the base series", () => {
    expect(presentStackKeys(["solar", "load", "soc"])).toEqual(["solar", "load"]);
    expect(presentStackKeys(["battery", "grid"])).toEqual(["batteryOut", "gridIn", "batteryIn", "gridOut"]);
  });
});

describe("powerCsv", () => {
  test("one row per time with data, ISO times in the zone, units in the header", () => {
    const data = {
      rows: [{ t: Date.UTC(2025, 5, 15, 4, 5), solar: 1200, soc: 55 }, { t: Date.UTC(2025, 5, 15, 4, 10) }],
      stepMs: STEP_MS,
      present: ["solar", "soc"] as PowerSeriesKey[],
    };
    expect(powerCsv(data, "Australia/Melbourne")).toEqual({
      header: ["interval_end", "solar (W)", "battery state of charge (%)"],
      rows: [["2025-06-15T14:05:00+10:00", 1200, 55]],
    });
  });
});
