import { priceLevel } from "..";

test.each<[number, string]>([
  [-12, "negative"],
  [0, "low"],
  [14.9, "low"],
  [15, "normal"],
  [29.99, "normal"],
  [30, "high"],
  [59, "high"],
  [60, "spike"],
  [1500, "spike"],
])("%d c/kWh is %s", (c, level) => expect(priceLevel(c)).toBe(level));
