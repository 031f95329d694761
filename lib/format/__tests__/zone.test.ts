import { DateTime } from "luxon";
import {
  addDays,
  dayRangeMs,
  dayStartMs,
  daysBetween,
  isDayString,
  isoInZone,
  localDayOf,
  zoneOffsetMs,
} from "../zone";

const ZONES = [
  "Australia/Melbourne",
  "Australia/Adelaide",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "America/New_York",
  "America/Santiago",
  "Europe/London",
  "UTC",
];
const DAYS = [
  "2025-01-01",
  "2025-03-09",
  "2025-04-06",
  "2025-09-07",
  "2025-10-05",
  "2025-10-26",
  "2025-11-02",
  "2024-02-29",
];

describe("dayStartMs agrees with luxon's startOf('day')", () => {
  test.each(ZONES.flatMap((z) => DAYS.map((d) => [z, d] as const)))("%s %s", (zone, day) => {
    expect(dayStartMs(day, zone)).toBe(DateTime.fromISO(day, { zone }).startOf("day").toMillis());
  });
});

describe("localDayOf and zoneOffsetMs agree with luxon", () => {
  const instants = [Date.UTC(2025, 0, 1, 13, 30), Date.UTC(2025, 3, 5, 15, 59), Date.UTC(2025, 9, 4, 16, 1), 0];
  test.each(ZONES.flatMap((z) => instants.map((t) => [z, t] as const)))("%s at %d", (zone, t) => {
    const dt = DateTime.fromMillis(t, { zone });
    expect(localDayOf(t, zone)).toBe(dt.toISODate());
    expect(zoneOffsetMs(t, zone)).toBe(dt.offset * 60_000);
  });
});

test.each<[string, number, string]>([
  ["2025-06-30", 1, "2025-07-01"],
  ["2025-03-01", -1, "2025-02-28"],
  ["2024-03-01", -1, "2024-02-29"],
  ["2025-12-31", 1, "2026-01-01"],
  ["2025-06-20", -29, "2025-05-22"],
])("addDays(%s, %d) = %s", (day, n, out) => {
  expect(addDays(day, n)).toBe(out);
  expect(daysBetween(day, out)).toBe(n);
});

test.each<[string, boolean]>([
  ["2025-06-20", true],
  ["2025-02-29", false],
  ["2024-02-29", true],
  ["2025-6-2", false],
  ["", false],
  ["2025-06-20T00:00", false],
])("isDayString(%j) = %s", (s, ok) => expect(isDayString(s)).toBe(ok));

test.each<[number, string, string]>([
  [Date.UTC(2025, 5, 15, 4, 5), "Australia/Melbourne", "2025-06-15T14:05:00+10:00"],
  [Date.UTC(2025, 0, 15, 4, 5), "Australia/Adelaide", "2025-01-15T14:35:00+10:30"],
  [Date.UTC(2025, 0, 15, 4, 5, 9), "America/New_York", "2025-01-14T23:05:09-05:00"],
  [Date.UTC(2025, 0, 15, 4, 5), "UTC", "2025-01-15T04:05:00+00:00"],
  [Date.UTC(2025, 0, 15, 4, 5), "Asia/Kathmandu", "2025-01-15T09:50:00+05:45"],
])("isoInZone(%d, %s)", (t, zone, iso) => {
  expect(isoInZone(t, zone)).toBe(iso);
  expect(Date.parse(iso)).toBe(t - (t % 1000));
});

test("dayRangeMs of the Melbourne spring-forward day is 23 hours", () => {
  const { startMs, endMs } = dayRangeMs("2025-10-05", "Australia/Melbourne");
  expect((endMs - startMs) / 3_600_000).toBe(23);
});
