import { formatAge, freshness, freshnessLabel } from "../age";

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

describe("formatAge", () => {
  test.each<[number | null, string]>([
    [0, "just now"],
    [-30 * S, "just now"],
    [59 * S, "just now"],
    [60 * S, "1 min ago"],
    [3 * MIN + 20 * S, "3 min ago"],
    [59 * MIN + 59 * S, "59 min ago"],
    [H, "1 h ago"],
    [2 * H + 59 * MIN, "2 h ago"],
    [23 * H, "23 h ago"],
    [49 * H, "2 d ago"],
    [null, "never"],
    [Number.NaN, "never"],
  ])("%p ms → %p", (age, expected) => {
    expect(formatAge(age)).toBe(expected);
  });
});

describe("freshness", () => {
  test.each<[number | null | undefined, "fresh" | "stale" | "old"]>([
    [0, "fresh"],
    [-5 * S, "fresh"],
    [4 * MIN + 59 * S, "fresh"],
    [5 * MIN, "stale"],
    [10 * MIN, "stale"],
    [15 * MIN, "stale"],
    [15 * MIN + 1, "old"],
    [2 * H, "old"],
    [null, "old"],
    [undefined, "old"],
  ])("%p ms → %p", (age, expected) => {
    expect(freshness(age)).toBe(expected);
  });

  // Slower vendors get their extra interval on both limits: an hourly Enphase value 34 minutes old is up to date.
  test.each<[string, number, number, "fresh" | "stale" | "old"]>([
    ["every minute", MIN, 4 * MIN, "fresh"],
    ["every minute", MIN, 6 * MIN, "stale"],
    ["every 5 min (SolarEdge)", 5 * MIN, 8 * MIN, "fresh"],
    ["every 5 min (SolarEdge)", 5 * MIN, 10 * MIN, "stale"],
    ["every 5 min (SolarEdge)", 5 * MIN, 24 * MIN, "old"],
    ["hourly (Enphase)", H, 34 * MIN, "fresh"],
    ["hourly (Enphase)", H, 70 * MIN, "stale"],
    ["hourly (Enphase)", H, 2 * H + 14 * MIN, "old"],
  ])("%s: %p ms cadence, %p ms old → %p", (_label, cadence, age, expected) => {
    expect(freshness(age, cadence)).toBe(expected);
  });

  test("a slow vendor's fresh data is 'up to date', not 'live'", () => {
    expect(freshnessLabel("fresh", H)).toBe("Up to date");
    expect(freshnessLabel("fresh", MIN)).toBe("Live");
  });

  test("every class has a text label", () => {
    expect([freshnessLabel("fresh"), freshnessLabel("stale"), freshnessLabel("old")]).toEqual([
      "Live",
      "Delayed",
      "Offline",
    ]);
  });
});
