import { definePoint, dueEvery } from "../define";

describe("vendor definition helpers", () => {
  const now = new Date(Date.UTC(2025, 0, 1, 12, 0, 0));
  test.each([
    ["never polled", null, true],
    ["polled a minute ago", now.getTime() - 60_000, true],
    ["polled 59 s ago", now.getTime() - 59_000, false],
    ["polled just now", now.getTime(), false],
  ])("every minute, %s → due %s", (_label, last, due) => {
    expect(dueEvery(60_000, last, now)).toBe(due);
  });

  it("builds a point definition from its path parts", () => {
    expect(definePoint("grid_in", "Grid import", ["bidi", "grid", "import"], "energy", "Wh", "grid", "d")).toEqual({
      originId: "grid_in",
      name: "Grid import",
      type: "bidi",
      subtype: "grid",
      extension: "import",
      metricType: "energy",
      unit: "Wh",
      transform: "d",
      subsystem: "grid",
    });
  });
});
