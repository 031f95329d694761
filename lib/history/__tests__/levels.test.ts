import { chooseLevel, historyQuerySchema, spanProblem, SPAN_LIMIT_MS } from "@/lib/history";

const H = 3_600_000;
const D = 24 * H;
const NOW = Date.parse("2025-06-10T12:00:00Z");

describe("chooseLevel", () => {
  it.each([
    ["1 hour", H, 90, "raw"],
    ["6 hours", 6 * H, 90, "raw"],
    ["6 hours past raw retention", 6 * H, 0, "5m"],
    ["6 hours and a minute", 6 * H + 60_000, 90, "5m"],
    ["24 hours", D, 90, "5m"],
    ["2 days", 2 * D, 90, "5m"],
    ["2 days and a minute", 2 * D + 60_000, 90, "30m"],
    ["7 days", 7 * D, 90, "30m"],
    ["8 days", 8 * D, 90, "30m"],
    ["8 days and a minute", 8 * D + 60_000, 90, "daily"],
    ["30 days", 30 * D, 90, "daily"],
  ] as const)("%s → %s", (_n, span, retentionDays, level) => {
    expect(chooseLevel(NOW - span, NOW, NOW, retentionDays)).toBe(level);
  });

  it("gives way to a coarser level where retention removed the finer one", () => {
    const old = NOW - 800 * D;
    const tiers = { "5m": 730, "30m": null };
    expect(chooseLevel(old, old + 6 * H, NOW, 90, tiers)).toBe("30m");
    expect(chooseLevel(old, old + D, NOW, 90, tiers)).toBe("30m");
    expect(chooseLevel(old, old + D, NOW, 90, { "5m": 730, "30m": 760 })).toBe("daily");
    expect(chooseLevel(NOW - D, NOW, NOW, 90, tiers)).toBe("5m");
    expect(chooseLevel(old, old + D, NOW, 90, { "5m": null })).toBe("5m");
  });
});

describe("spanProblem", () => {
  it.each([
    ["raw", 48 * H, null],
    [
      "raw",
      7 * D,
      /^aggregation=raw covers at most 2\.0 days; this request spans 7\.0 days\. Use aggregation=5m, aggregation=30m or aggregation=daily, or a shorter range\.$/,
    ],
    ["raw", 40 * D, /Use aggregation=daily, or a shorter range/],
    ["5m", 35 * D, null],
    ["5m", 36 * D, /^aggregation=5m covers at most 35\.0 days; .* Use aggregation=daily, or a shorter range\.$/],
    ["30m", 35 * D, null],
    [
      "30m",
      90 * D,
      /^aggregation=30m covers at most 35\.0 days; this request spans 90\.0 days\. Use aggregation=daily/,
    ],
    ["daily", 5 * 366 * D, null],
    ["daily", 6 * 366 * D, /Ask for a shorter range\.$/],
  ] as const)("%s over %i ms", (level, span, message) => {
    const problem = spanProblem(level, NOW - span, NOW);
    if (message === null) expect(problem).toBeNull();
    else expect(problem).toMatch(message);
  });

  it("30m may span as long as 5m", () => expect(SPAN_LIMIT_MS["30m"]).toBe(SPAN_LIMIT_MS["5m"]));
});

describe("historyQuerySchema aggregation", () => {
  const parse = (aggregation: string) =>
    historyQuerySchema.safeParse({ systemIds: "1", pointKeys: "*", range: "7D", aggregation });

  it.each(["raw", "5m", "30m", "daily"])("accepts %s", (level) => {
    const res = parse(level);
    expect(res.success && res.data.aggregation).toBe(level);
  });

  it.each(["15m", "1h", "30M", ""])("rejects %j, listing the levels", (level) => {
    const res = parse(level);
    expect(res.success).toBe(false);
    expect(res.error?.issues[0].message).toBe("aggregation must be raw, 5m, 30m or daily");
  });
});
