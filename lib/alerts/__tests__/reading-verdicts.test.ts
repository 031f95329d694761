import { offGrid, readingVerdict, type LatestReading, type PointFacts } from "../evaluate-readings";
import type { AlertRule, RuleKind } from "../rules";

const rule = (kind: RuleKind, params: Record<string, unknown> = {}): AlertRule => ({
  id: 1,
  systemId: 1,
  kind,
  name: kind,
  params,
  severity: "warning",
  cooldownMs: 0,
  escalateAfterMs: null,
  enabled: true,
  isDefault: false,
  pendingSinceMs: null,
  createdAtMs: 0,
  updatedAtMs: 0,
});

const T = 1_750_000_000_000;
const text = (subtype: string, extension: string | null): PointFacts => ({
  displayName: `${subtype} ${extension}`,
  type: "bidi",
  subtype,
  extension,
  metricType: "text",
});
const points = new Map<number, PointFacts>([
  [1, text("grid", "status")],
  [2, text("grid", "island")],
  [3, { displayName: "Grid", type: "bidi", subtype: "grid", extension: null, metricType: "power" }],
  [4, text("inverter", "fault")],
  [5, { displayName: "Solar energy", type: "source", subtype: "solar", extension: null, metricType: "energy" }],
]);
const reading = (pointId: number, valueStr: string | null, value: number | null = null): LatestReading => ({
  pointId,
  value,
  valueStr,
  measurementTimeMs: T,
});

describe("offGrid", () => {
  it.each([
    ["Inactive", true],
    ["off_grid_unintentional", true],
    ["off_grid_intentional", true],
    ["Off grid", true],
    ["islanded", true],
    ["Active", false],
    ["on_grid", false],
    ["Idle", false],
    ["island_status_unknown", null],
    ["Unknown", null],
    ["", null],
    [null, null],
  ])("%p → %p", (v, expected) => expect(offGrid(v)).toBe(expected));
});

describe("grid outage verdicts", () => {
  it.each([
    { name: "Tesla grid status Inactive", batch: [reading(1, "Inactive")], holds: true },
    {
      name: "island status off grid while grid power is 0",
      batch: [reading(3, null, 0), reading(2, "off_grid_unintentional")],
      holds: true,
    },
    { name: "on grid (both points agree)", batch: [reading(1, "Active"), reading(2, "on_grid")], holds: false },
    {
      name: "one point says off, the other on: off wins",
      batch: [reading(1, "Active"), reading(2, "off_grid")],
      holds: true,
    },
    { name: "grid power 0 without a status point says nothing", batch: [reading(3, null, 0)], holds: null },
    { name: "an unknown status says nothing", batch: [reading(2, "island_status_unknown")], holds: null },
    { name: "a fault text is not a grid state", batch: [reading(4, "Inactive")], holds: null },
  ])("$name", ({ batch, holds }) => {
    const v = readingVerdict(rule("grid_outage", { forMinutes: 1 }), batch, points);
    expect(v === null ? null : v.holds).toBe(holds);
    if (v?.holds) expect(v.message).toMatch(/off the grid/);
  });
});

describe("counter reset verdicts", () => {
  const reset = { pointId: 5, timeMs: T - 60_000, from: 1_000_500, to: 20 };
  it.each([
    { name: "a reset fires, naming the point and the step", resets: [reset], holds: true },
    { name: "two resets fire once, counting the other", resets: [reset, { ...reset, timeMs: T }], holds: true },
    { name: "no reset says nothing (the alert stays until a person resolves it)", resets: [], holds: null },
  ])("$name", ({ resets, holds }) => {
    const v = readingVerdict(rule("counter_reset"), [reading(5, null, 30)], points, resets);
    expect(v === null ? null : v.holds).toBe(holds);
    if (v) {
      expect(v.message).toMatch(/^Solar energy stepped back from 1000500 to 20/);
      expect(v.atMs).toBe(reset.timeMs);
      if (resets.length > 1) expect(v.message).toMatch(/and 1 more/);
    }
  });

  it.each([
    { name: "at local midnight (a daily counter's new day) is expected", at: "2026-12-01T13:00:00Z", fires: false },
    { name: "five minutes before local midnight too", at: "2026-12-01T12:55:00Z", fires: false },
    { name: "mid-morning is not", at: "2026-12-01T22:00:00Z", fires: true },
  ])("a reset $name", ({ at, fires }) => {
    const r = { ...reset, timeMs: Date.parse(at) };
    const v = readingVerdict(rule("counter_reset"), [], points, [r], "Australia/Melbourne");
    expect(v === null ? null : v.holds).toBe(fires ? true : null);
  });

  it("a reset counts even in a fetch whose readings were all replays", () => {
    expect(readingVerdict(rule("counter_reset"), [], points, [reset])?.holds).toBe(true);
  });
});
