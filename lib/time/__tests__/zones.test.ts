import { DateTime } from "luxon";
import { dayBounds, localDay, standardOffsetMinutes } from "../zones";

describe("time zones", () => {
  test.each([
    ["Australia/Melbourne", 600],
    ["Australia/Adelaide", 570],
    ["Australia/Darwin", 570],
    ["Asia/Kolkata", 330],
    ["America/New_York", -300],
    ["Europe/London", 0],
    ["UTC", 0],
  ])("standard offset of %s is %i min", (zone, offset) => {
    expect(standardOffsetMinutes(zone, 2025)).toBe(offset);
  });

  test.each([
    ["2025-04-06", "Australia/Melbourne", 25],
    ["2025-10-05", "Australia/Melbourne", 23],
    ["2025-04-06", "Australia/Adelaide", 25],
    ["2025-03-09", "America/New_York", 23],
    ["2025-11-02", "America/New_York", 25],
    ["2025-06-01", "Asia/Kolkata", 24],
    ["2025-06-01", "UTC", 24],
  ])("%s in %s lasts %i hours", (day, zone, hours) => {
    const { startMs, endMs } = dayBounds(day, zone);
    expect((endMs - startMs) / 3_600_000).toBe(hours);
    expect(localDay(startMs, zone)).toBe(day);
    expect(localDay(endMs - 1, zone)).toBe(day);
  });

  // localDay memoises per 15-minute UTC slot: it must agree with luxon at every minute around each changeover,
  // asked twice (the second answer comes from the memo), in zones with half- and quarter-hour offsets.
  test.each([
    ["2025-04-06", "Australia/Melbourne"],
    ["2025-10-05", "Australia/Adelaide"],
    ["2025-04-06", "Australia/Lord_Howe"],
    ["2025-04-06", "Pacific/Chatham"],
    ["2025-06-01", "Asia/Kathmandu"],
    ["2025-06-01", "Asia/Kolkata"],
    ["2025-03-09", "America/New_York"],
    ["2025-03-30", "Europe/London"],
  ])("the local day around %s in %s matches luxon at every minute", (day, zone) => {
    const { startMs, endMs } = dayBounds(day, zone);
    for (const edge of [startMs, endMs]) {
      for (let t = edge - 90 * 60_000; t <= edge + 90 * 60_000; t += 60_000) {
        const expected = DateTime.fromMillis(t, { zone }).toISODate();
        expect([localDay(t, zone), localDay(t, zone)]).toEqual([expected, expected]);
      }
    }
  });

  it("rejects unknown zones", () => {
    expect(() => standardOffsetMinutes("Mars/Olympus")).toThrow(/Unknown time zone/);
  });
});
