import type { CostFigures, CostRow, CostsResponse } from "@/lib/costs/types";
import { parsePeriod } from "../period";
import { costsUrl, moneyBarRows, moneyCardFigures, moneyCardUrl, type KnownPart } from "../money-view";

const figures = (over: Partial<CostFigures> = {}): CostFigures => ({
  importCents: 200,
  exportCents: 50,
  supplyCents: 100,
  controlledLoadCents: 0,
  demandCents: 10,
  netCents: 260,
  savings: { vsNoSystemCents: 500, batteryCents: 40 },
  carbon: { importG: 1000, avoidedG: 3000 },
  intervals: 288,
  unknownIntervals: 0,
  estimated: false,
  ...over,
});
const row = (key: string, over: Partial<CostFigures> = {}): CostRow => ({
  key,
  start: key,
  end: key,
  planIds: [1],
  inProgress: false,
  ...figures(over),
});
const response = (rows: CostRow[]): CostsResponse =>
  ({ rows, total: figures(), bill: null, currency: "AUD", warnings: [] }) as unknown as CostsResponse;

describe("money view", () => {
  it("asks for the period's rows as the energy bars do, and this month's days for the card", () => {
    expect(costsUrl(7, parsePeriod({ period: "Y", date: "2025-03-02" }, "2025-06-20"))).toBe(
      "/api/systems/7/costs?period=month&from=2025-01-01&to=2025-06-20",
    );
    expect(moneyCardUrl(7, "2025-06-20")).toBe("/api/systems/7/costs?period=day&from=2025-06-01&to=2025-06-20");
  });

  it("today is the row keyed today; a missing today is unknown, not 0", () => {
    const res = response([row("2025-06-19"), row("2025-06-20", { netCents: 12 })]);
    expect(moneyCardFigures(res, "2025-06-20").today?.netCents).toBe(12);
    expect(moneyCardFigures(res, "2025-06-21").today).toBeNull();
  });

  it("bars: paid = import + supply + controlled load + demand, earned = feed-in; unknown stays null", () => {
    const bars = moneyBarRows(response([row("2025-06"), row("2025-07", { importCents: null, netCents: null })]));
    expect(bars[0]).toMatchObject({ title: "Jun 2025", paidCents: 310, earnedCents: 50, netCents: 260 });
    expect(bars[1]).toMatchObject({ title: "Jul 2025", paidCents: null, netCents: null });
  });
});

describe("the month's known part", () => {
  it.each<[string, Array<Partial<CostFigures>>, KnownPart | null]>([
    ["every day known: no known part (the total is shown)", [{}, {}], null],
    [
      "one unknown interval: the other days' net, and what was left out",
      [{ netCents: 100 }, { netCents: null, unknownIntervals: 1 }, { netCents: -30 }],
      { netCents: 70, knownDays: 2, unknownDays: 1, unknownIntervals: 1 },
    ],
    [
      "no day known: unknown, never 0",
      [{ netCents: null, unknownIntervals: 288 }],
      { netCents: null, knownDays: 0, unknownDays: 1, unknownIntervals: 288 },
    ],
  ])("%s", (_, days, want) => {
    const rows = days.map((d, i) => row(`2025-06-0${i + 1}`, d));
    const total = figures({ netCents: rows.some((r) => r.netCents === null) ? null : 1 });
    const res = { ...response(rows), total } as CostsResponse;
    expect(moneyCardFigures(res, "2025-06-03").monthKnown).toEqual(want);
  });
});
