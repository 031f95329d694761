import { DateTime } from "luxon";
import {
  formatClock,
  formatDateTime,
  formatDay,
  formatLongDay,
  formatShortDate,
  hourTicks,
  localDayRange,
} from "../time-axis";

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const labels = (ticks: number[], zone: string) => ticks.map((t) => formatClock(t, zone));

describe("localDayRange", () => {
  test.each<[string, string, number]>([
    ["2025-06-15T13:00", "Australia/Melbourne", 24],
    ["2025-04-06T13:00", "Australia/Melbourne", 25], // daylight saving ends
    ["2025-10-05T13:00", "Australia/Melbourne", 23], // daylight saving starts
    ["2025-03-09T12:00", "America/New_York", 23],
    ["2025-06-15T00:10", "Asia/Kolkata", 24],
    ["2025-06-15T23:50", "Australia/Adelaide", 24],
  ])("%s in %s is a %d-hour day starting at local midnight", (iso, zone, hours) => {
    const { startMs, endMs } = localDayRange(at(iso, zone), zone);
    expect((endMs - startMs) / 3_600_000).toBe(hours);
    expect(formatClock(startMs, zone)).toBe("00:00");
    expect(DateTime.fromMillis(startMs, { zone }).toISODate()).toBe(iso.slice(0, 10));
  });
});

describe("hourTicks", () => {
  test.each<[string, string, number, string[]]>([
    [
      "2025-06-15",
      "Australia/Melbourne",
      3,
      ["00:00", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00", "00:00"],
    ],
    ["2025-06-15", "Australia/Adelaide", 6, ["00:00", "06:00", "12:00", "18:00", "00:00"]],
    ["2025-06-15", "Asia/Kolkata", 6, ["00:00", "06:00", "12:00", "18:00", "00:00"]],
    // 02:00 does not exist on the spring-forward day; local 03:00 still gets its tick
    [
      "2025-10-05",
      "Australia/Melbourne",
      3,
      ["00:00", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00", "00:00"],
    ],
    // 02:00 happens twice when daylight saving ends: one tick only
    [
      "2025-04-06",
      "Australia/Melbourne",
      2,
      [
        "00:00",
        "02:00",
        "04:00",
        "06:00",
        "08:00",
        "10:00",
        "12:00",
        "14:00",
        "16:00",
        "18:00",
        "20:00",
        "22:00",
        "00:00",
      ],
    ],
  ])("%s in %s every %d h", (day, zone, step, expected) => {
    const { startMs, endMs } = localDayRange(at(`${day}T12:00`, zone), zone);
    expect(labels(hourTicks(startMs, endMs, zone, step), zone)).toEqual(expected);
  });

  test("ticks start at the first whole local hour after a mid-hour start", () => {
    const zone = "Australia/Adelaide";
    const ticks = hourTicks(at("2025-06-15T10:20", zone), at("2025-06-15T13:00", zone), zone, 1);
    expect(labels(ticks, zone)).toEqual(["11:00", "12:00", "13:00"]);
  });

  test("empty for an inverted range or a non-positive step", () => {
    expect(hourTicks(10, 5, "UTC")).toEqual([]);
    expect(hourTicks(0, 3_600_000, "UTC", 0)).toEqual([]);
  });
});

describe("formatDateTime", () => {
  test("renders in the given zone, not the machine's", () => {
    const t = Date.UTC(2025, 0, 6, 3, 5);
    expect(formatDateTime(t, "Australia/Sydney")).toBe("Mon 6 Jan, 14:05");
    expect(formatDateTime(t, "America/New_York")).toBe("Sun 5 Jan, 22:05");
  });
});

describe("day labels", () => {
  test.each<[string, string, string, string, string]>([
    ["2025-06-16T12:00", "Australia/Melbourne", "Mon 16 Jun", "Monday 16 June 2025", "16 Jun"],
    ["2025-09-07T00:30", "Australia/Adelaide", "Sun 7 Sep", "Sunday 7 September 2025", "7 Sep"],
    ["2024-02-29T23:59", "America/New_York", "Thu 29 Feb", "Thursday 29 February 2024", "29 Feb"],
  ])("%s in %s", (iso, zone, day, long, short) => {
    const t = at(iso, zone);
    expect([formatDay(t, zone), formatLongDay(t, zone), formatShortDate(t, zone)]).toEqual([day, long, short]);
  });
});
