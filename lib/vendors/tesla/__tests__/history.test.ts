import { powerIntervals } from "../history";

// calendar_history kind=power rows → 5-minute intervals (stamped at the quarter's start, with its own offset).
const row = (timestamp: string, solar: number, battery: number, grid: number) => ({
  timestamp,
  solar_power: solar,
  battery_power: battery,
  grid_power: grid,
  grid_services_power: 0,
  generator_power: 0,
});
const START = Date.parse("2025-12-16T02:00:00Z"); // 12:00 in Brisbane (+10:00)

it.each([
  {
    name: "a Powerwall quarter: three intervals per point, load = solar + battery + grid, signs kept",
    rows: [row("2025-12-16T12:00:00+10:00", 4000, -1500, -200)],
    nowMs: START + 3_600_000,
    want: { solar_power: 4000, battery_power: -1500, grid_power: -200, load_power: 2300 },
  },
  {
    name: "a solar-only site (battery 0 all day): no battery point",
    rows: [row("2025-12-16T12:00:00+10:00", 3000, 0, -2500)],
    nowMs: START + 3_600_000,
    want: { solar_power: 3000, grid_power: -2500, load_power: 500 },
  },
  {
    name: "a quarter still in progress is left out",
    rows: [row("2025-12-16T12:00:00+10:00", 3000, 100, 0)],
    nowMs: START + 10 * 60_000,
    want: {},
  },
])("$name", ({ rows, nowMs, want }) => {
  const got = powerIntervals(rows, nowMs);
  const byPoint = new Map<string, number[]>();
  for (const i of got) byPoint.set(i.point.originId, [...(byPoint.get(i.point.originId) ?? []), i.intervalEndMs]);
  expect(Object.fromEntries(got.map((i) => [i.point.originId, i.avg]))).toEqual(want);
  for (const ends of byPoint.values()) expect(ends).toEqual([START + 300_000, START + 600_000, START + 900_000]);
});

it("ignores rows without a parsable timestamp and a body without a series", () => {
  expect(powerIntervals([{ timestamp: "yesterday", solar_power: 1 }], Date.now())).toEqual([]);
  expect(powerIntervals(undefined, Date.now())).toEqual([]);
});
