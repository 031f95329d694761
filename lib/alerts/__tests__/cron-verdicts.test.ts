import type { CostsResponse } from "@/lib/costs/types";
import { costVerdict, netsSoFar } from "../cost-budget";
import { median, pastBucketEnds, productionVerdict } from "../production";

const DAY = 86_400_000;
// Noon in Melbourne (UTC+10 in June): the sun about 28° up. Dusk: 16:30 local, the sun about 5° up.
const NOON = Date.UTC(2025, 5, 1, 2, 0);
const DUSK = Date.UTC(2025, 5, 1, 6, 30);
const melbourne = { displayName: "Home", location: { lat: -37.8, lng: 145 }, solarSize: "5 kW" };
const drop = (params: Record<string, unknown> = {}) => ({
  kind: "production_drop" as const,
  params: { belowPercent: 10, forMinutes: 60, recentDays: 7, belowRecentPercent: 50, ...params },
});
const days = (nowMs: number, ws: number[]) => ws.map((w, i) => ({ endMs: pastBucketEnds(nowMs, i + 1)[i], w }));

describe("production drop against the sky and the system's recent days", () => {
  it.each([
    {
      name: "far below clear sky, no history",
      rule: drop(),
      facts: melbourne,
      solar: 100,
      recent: [],
      holds: true,
      says: /clear sky predicts/,
    },
    {
      name: "fine for the sky but half the usual of recent days",
      rule: drop(),
      facts: melbourne,
      solar: 1400,
      recent: [3000, 3100, 2900, 3050, 2950],
      holds: true,
      says: /3000 W usual at this time \(median of 5 recent days\)/,
    },
    {
      name: "at the usual level",
      rule: drop(),
      facts: melbourne,
      solar: 2800,
      recent: [3000, 3100, 2900],
      holds: false,
      says: /as expected/,
    },
    {
      name: "two recent days are too few to compare",
      rule: drop(),
      facts: melbourne,
      solar: 1400,
      recent: [3000, 3100],
      holds: false,
      says: /as expected/,
    },
    {
      name: "recent days off (recentDays 0)",
      rule: drop({ recentDays: 0 }),
      facts: melbourne,
      solar: 1400,
      recent: [3000, 3100, 2900],
      holds: false,
      says: /as expected/,
    },
    {
      name: "no rating: judged on recent days alone",
      rule: drop(),
      facts: { ...melbourne, solarSize: null },
      solar: 1000,
      recent: [3000, 3100, 2900],
      holds: true,
      says: /usual/,
    },
    {
      name: "no rating and no history: not judged",
      rule: drop(),
      facts: { ...melbourne, solarSize: null },
      solar: 0,
      recent: [],
      holds: null,
    },
    {
      name: "no rating, a dull history (20 W): not judged",
      rule: drop(),
      facts: { ...melbourne, solarSize: null },
      solar: 0,
      recent: [20, 20, 20],
      holds: null,
    },
    {
      name: "no location: not judged",
      rule: drop(),
      facts: { ...melbourne, location: null },
      solar: 0,
      recent: [3000, 3000, 3000],
      holds: null,
    },
    {
      name: "no solar data in the window: not judged (offline's business)",
      rule: drop(),
      facts: melbourne,
      solar: undefined,
      recent: [3000, 3000, 3000],
      holds: null,
    },
  ])("$name", ({ rule, facts, solar, recent, holds, says }) => {
    const v = productionVerdict(rule, facts, solar, days(NOON, recent), NOON);
    expect(v === null ? null : v.holds).toBe(holds);
    if (says) expect(v?.message).toMatch(says);
  });

  it("never at dusk, whatever the history says", () => {
    expect(productionVerdict(drop(), melbourne, 0, days(DUSK, [3000, 3000, 3000]), DUSK)).toBeNull();
  });

  it("only the rule's own recent days count", () => {
    // Three days of history, but the rule looks back 2 days: too few to compare.
    expect(
      productionVerdict(drop({ recentDays: 2 }), melbourne, 1400, days(NOON, [3000, 3000, 3000]), NOON)?.holds,
    ).toBe(false);
  });

  it("buckets: the half hour nearest now's time of day on each earlier day; median of odd and even counts", () => {
    expect(pastBucketEnds(NOON + 7 * 60_000, 2)).toEqual([NOON - DAY, NOON - 2 * DAY]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe("cost over budget", () => {
  const rule = (period: "day" | "month", budgetCents: number) => ({
    systemId: 1,
    kind: "cost_over_budget" as const,
    params: { period, budgetCents },
  });
  const nets = new Map([
    ["1:day", { key: "2025-06-01", netCents: 1200, currency: "AUD" }],
    ["1:month", { key: "2025-06", netCents: null, currency: "AUD" }],
  ]);

  it.each([
    { name: "above the day's budget", r: rule("day", 1000), holds: true },
    { name: "within it", r: rule("day", 1200), holds: false },
    { name: "an unknown month never fires", r: rule("month", 0), holds: null },
    { name: "a system not priced this run is not judged", r: { ...rule("day", 0), systemId: 2 }, holds: null },
  ])("$name", ({ r, holds }) => {
    const v = costVerdict(r, "Home", nets);
    expect(v === null ? null : v.holds).toBe(holds);
    if (v?.holds) expect(v.message).toBe("Net cost today (2025-06-01) so far 12.00 AUD, budget 10.00 AUD");
  });

  it("reads each system and period once, the row in progress, and skips a system whose costs cannot be read", async () => {
    const calls: string[] = [];
    const read = async (req: { systemId: number; period: "day" | "month" }) => {
      calls.push(`${req.systemId}:${req.period}`);
      if (req.systemId === 3) throw new Error("no tariff");
      return {
        currency: "AUD",
        rows: [
          { key: "2025-05", netCents: 9_000, inProgress: false },
          { key: "2025-06", netCents: 4_000, inProgress: true },
        ],
      } as unknown as CostsResponse;
    };
    const out = await netsSoFar([rule("month", 1), rule("month", 2), { ...rule("day", 1), systemId: 3 }], NOON, read);
    expect(calls.sort()).toEqual(["1:month", "3:day"]);
    expect([...out.entries()]).toEqual([["1:month", { key: "2025-06", netCents: 4_000, currency: "AUD" }]]);
  });
});
