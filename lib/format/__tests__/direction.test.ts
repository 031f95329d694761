import { batteryDirection, feedInText, gridDirection } from "../direction";

describe("batteryDirection (+ = discharging)", () => {
  test.each<[number | null, string]>([
    [2500, "discharging"],
    [11, "discharging"],
    [10, "idle"],
    [0, "idle"],
    [-10, "idle"],
    [-11, "charging"],
    [-3000, "charging"],
    [null, "idle"],
    [Number.NaN, "idle"],
  ])("%p W → %p", (w, expected) => {
    expect(batteryDirection(w)).toBe(expected);
  });

  test("threshold is configurable", () => {
    expect(batteryDirection(40, 50)).toBe("idle");
    expect(batteryDirection(-60, 50)).toBe("charging");
  });
});

describe("gridDirection (+ = import)", () => {
  test.each<[number | null, string]>([
    [1200, "importing"],
    [-1200, "exporting"],
    [5, "idle"],
    [-5, "idle"],
    [null, "idle"],
  ])("%p W → %p", (w, expected) => {
    expect(gridDirection(w)).toBe(expected);
  });
});

describe("feedInText (Amber's sign: what the customer pays)", () => {
  test.each([
    [-8, "feed-in earns 8.0 c/kWh"],
    [-0.04, "feed-in 0.0 c/kWh"],
    [0, "feed-in 0.0 c/kWh"],
    [2.25, "exporting costs 2.3 c/kWh"],
    [-12.345, "feed-in earns 12.3 c/kWh"],
  ])("%d c/kWh → %s", (price, text) => {
    expect(feedInText(price)).toBe(text);
  });
});
