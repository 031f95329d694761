import { parsePeriod, periodDays, periodLinks, periodSearch, periodWindow } from "../period";

const TODAY = "2025-06-20";

describe("parsePeriod", () => {
  test.each<[string, Record<string, string | string[] | undefined>, string, string, string, boolean]>([
    ["nothing: 1D live", {}, "1D", "2025-06-20", "2025-06-20", true],
    ["7D live", { period: "7D" }, "7D", "2025-06-14", "2025-06-20", true],
    ["lower case", { period: "30d" }, "30D", "2025-05-22", "2025-06-20", true],
    ["past 1D", { period: "1D", date: "2025-06-01" }, "1D", "2025-06-01", "2025-06-01", false],
    ["past 7D", { period: "7D", date: "2025-06-10" }, "7D", "2025-06-04", "2025-06-10", false],
    ["today's date is live", { date: TODAY }, "1D", TODAY, TODAY, true],
    ["future date is live", { period: "7D", date: "2025-07-01" }, "7D", "2025-06-14", TODAY, true],
    ["bad date is live", { date: "2025-02-30" }, "1D", TODAY, TODAY, true],
    ["unknown period is 1D", { period: "1Y", date: "2025-06-01" }, "1D", "2025-06-01", "2025-06-01", false],
    ["repeated params take the first", { period: ["30D", "1D"] }, "30D", "2025-05-22", TODAY, true],
    ["too old is clamped", { date: "1999-01-01" }, "1D", "2020-06-16", "2020-06-16", false],
  ])("%s", (_n, params, kind, startDay, endDay, live) => {
    expect(parsePeriod(params, TODAY)).toEqual({ kind, startDay, endDay, live });
  });
});

describe("periodLinks", () => {
  test.each<[string, Record<string, string>, string, string | null, string]>([
    ["1D live", {}, "?period=1D&date=2025-06-19", null, ""],
    ["7D live", { period: "7D" }, "?period=7D&date=2025-06-13", null, "?period=7D"],
    [
      "past 7D, next reaches today → live",
      { period: "7D", date: "2025-06-13" },
      "?period=7D&date=2025-06-06",
      "?period=7D",
      "?period=7D",
    ],
    [
      "past 30D",
      { period: "30D", date: "2025-04-01" },
      "?period=30D&date=2025-03-02",
      "?period=30D&date=2025-05-01",
      "?period=30D",
    ],
    ["past 1D", { date: "2025-06-18" }, "?period=1D&date=2025-06-17", "?period=1D&date=2025-06-19", ""],
  ])("%s", (_n, params, previous, next, live) => {
    const links = periodLinks(parsePeriod(params, TODAY), TODAY);
    expect(links).toMatchObject({ previous, next, live });
  });

  test("switching kind keeps a past end day", () => {
    const links = periodLinks(parsePeriod({ date: "2025-06-01" }, TODAY), TODAY);
    expect(links.kinds.map((k) => k.search)).toEqual([
      "?period=1D&date=2025-06-01",
      "?period=7D&date=2025-06-01",
      "?period=30D&date=2025-06-01",
    ]);
  });

  test("periodSearch for live 1D is empty", () => expect(periodSearch("1D", null)).toBe(""));
});

describe("periodDays / periodWindow", () => {
  test("a 7-day period over the end of daylight saving has one 25-hour day", () => {
    const p = parsePeriod({ period: "7D", date: "2025-04-08" }, TODAY);
    const days = periodDays(p, "Australia/Melbourne");
    expect(days.map((d) => d.day)).toEqual([
      "2025-04-02",
      "2025-04-03",
      "2025-04-04",
      "2025-04-05",
      "2025-04-06",
      "2025-04-07",
      "2025-04-08",
    ]);
    expect(days.map((d) => (d.endMs - d.startMs) / 3_600_000)).toEqual([24, 24, 24, 24, 25, 24, 24]);
    const w = periodWindow(p, "Australia/Melbourne");
    expect(w).toEqual({ startMs: days[0].startMs, endMs: days[6].endMs });
    expect(new Date(w.startMs).toISOString()).toBe("2025-04-01T13:00:00.000Z");
  });
});
