import { builtInHolidays, holidayCalendar } from "../holidays";
import { formatMoney, roundCents } from "../money";

describe("built-in public holidays", () => {
  it.each([
    {
      region: "VIC" as const,
      year: 2025,
      days: [
        "2025-01-01",
        "2025-01-27",
        "2025-03-10",
        "2025-04-18",
        "2025-04-19",
        "2025-04-20",
        "2025-04-21",
        "2025-04-25",
        "2025-06-09",
        "2025-09-26",
        "2025-11-04",
        "2025-12-25",
        "2025-12-26",
      ],
    },
    {
      region: "NSW" as const,
      year: 2026,
      days: [
        "2026-01-01",
        "2026-01-26",
        "2026-04-03",
        "2026-04-04",
        "2026-04-05",
        "2026-04-06",
        "2026-04-25",
        "2026-06-08",
        "2026-10-05",
        "2026-12-25",
        "2026-12-26",
        "2026-12-28",
      ],
    },
    {
      region: "WA" as const,
      year: 2026,
      days: [
        "2026-01-01",
        "2026-01-26",
        "2026-03-02",
        "2026-04-03",
        "2026-04-05",
        "2026-04-06",
        "2026-04-25",
        "2026-04-27",
        "2026-06-01",
        "2026-09-28",
        "2026-12-25",
        "2026-12-26",
        "2026-12-28",
      ],
    },
    {
      region: "QLD" as const,
      year: 2027,
      days: [
        "2027-01-01",
        "2027-01-26",
        "2027-03-26",
        "2027-03-27",
        "2027-03-28",
        "2027-03-29",
        "2027-04-25",
        "2027-05-03",
        "2027-10-04",
        "2027-12-25",
        "2027-12-26",
        "2027-12-27",
        "2027-12-28",
      ],
    },
    {
      region: "ACT" as const,
      year: 2025,
      days: [
        "2025-01-01",
        "2025-01-27",
        "2025-03-10",
        "2025-04-18",
        "2025-04-19",
        "2025-04-20",
        "2025-04-21",
        "2025-04-25",
        "2025-06-02",
        "2025-06-09",
        "2025-10-06",
        "2025-12-25",
        "2025-12-26",
      ],
    },
  ])("$region $year", ({ region, year, days }) => {
    expect(builtInHolidays(region, year)).toEqual(days);
  });

  it("has no list outside 2025–2027", () => {
    expect(builtInHolidays("VIC", 2028)).toBeNull();
    const cal = holidayCalendar("VIC", ["2028-11-07"]);
    expect([cal.knowsYear(2026), cal.knowsYear(2028), cal.isHoliday("2028-11-07")]).toEqual([true, false, true]);
  });
});

describe("money is rounded only for presentation", () => {
  it.each([
    { cents: 1234.5, rounded: 1235, text: "$12.35" },
    { cents: -0.4, rounded: 0, text: "$0.00" },
    { cents: -12.5, rounded: -13, text: "-$0.13" },
    { cents: null, rounded: null, text: "—" },
  ])("$cents c → $text", ({ cents, rounded, text }) => {
    expect(roundCents(cents)).toBe(rounded);
    expect(formatMoney(cents)).toBe(text);
  });
});
