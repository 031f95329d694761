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

  it("rejects unknown zones", () => {
    expect(() => standardOffsetMinutes("Mars/Olympus")).toThrow(/Unknown time zone/);
  });
});
