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
    ["this month so far", { period: "M" }, "M", "2025-06-01", TODAY, true],
    [
      "a past month from any of its days",
      { period: "month", date: "2025-02-14" },
      "M",
      "2025-02-01",
      "2025-02-28",
      false,
    ],
    ["a leap February", { period: "M", date: "2024-02-03" }, "M", "2024-02-01", "2024-02-29", false],
    ["this year so far", { period: "Y" }, "Y", "2025-01-01", TODAY, true],
    ["a past year", { period: "year", date: "2023-07-01" }, "Y", "2023-01-01", "2023-12-31", false],
    [
      "all time is live and starts in the oldest year",
      { period: "ALL", date: "2024-01-01" },
      "ALL",
      "2020-01-01",
      TODAY,
      true,
    ],
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
    ["this month", { period: "M" }, "?period=M&date=2025-05-31", null, "?period=M"],
    [
      "a past month",
      { period: "M", date: "2025-03-09" },
      "?period=M&date=2025-02-28",
      "?period=M&date=2025-04-30",
      "?period=M",
    ],
    [
      "last month, next is live",
      { period: "M", date: "2025-05-09" },
      "?period=M&date=2025-04-30",
      "?period=M",
      "?period=M",
    ],
    [
      "a past year",
      { period: "Y", date: "2023-03-09" },
      "?period=Y&date=2022-12-31",
      "?period=Y&date=2024-12-31",
      "?period=Y",
    ],
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
      "?period=M",
      "?period=Y",
      "?period=ALL",
    ]);
  });

  test("all time has no previous or next", () => {
    expect(periodLinks(parsePeriod({ period: "ALL" }, TODAY), TODAY)).toMatchObject({ previous: null, next: null });
  });

  test("no previous before the oldest day", () => {
    expect(periodLinks(parsePeriod({ date: "1999-01-01" }, TODAY), TODAY).previous).toBeNull();
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
