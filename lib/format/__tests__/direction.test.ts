import { batteryDirection, gridDirection } from "../direction";

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
