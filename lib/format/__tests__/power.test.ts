import { formatEnergy, formatPercent, formatPower } from "../power";

describe("formatPower", () => {
  test.each<[number | null | undefined, string]>([
    [0, "0 W"],
    [-0.3, "0 W"],
    [0.4, "0 W"],
    [12, "12 W"],
    [850, "850 W"],
    [849.6, "850 W"],
    [999.4, "999 W"],
    [999.6, "1.00 kW"],
    [1000, "1.00 kW"],
    [3420, "3.42 kW"],
    [3425.1, "3.43 kW"],
    [-850, "-850 W"],
    [-3420, "-3.42 kW"],
    [12_345, "12.35 kW"],
    [2_500_000, "2.50 MW"],
    [null, "—"],
    [undefined, "—"],
    [Number.NaN, "—"],
    [Number.POSITIVE_INFINITY, "—"],
  ])("%p W → %p", (input, expected) => {
    expect(formatPower(input)).toBe(expected);
  });
});

describe("formatEnergy", () => {
  test.each<[number | null, string]>([
    [0, "0.00 kWh"],
    [850, "0.85 kWh"],
    [1234, "1.23 kWh"],
    [9994, "9.99 kWh"],
    [12_345, "12.3 kWh"],
    [123_456, "123 kWh"],
    [1_234_567, "1,235 kWh"],
    [-2500, "-2.50 kWh"],
    [-1, "0.00 kWh"],
    [null, "—"],
  ])("%p Wh → %p", (input, expected) => {
    expect(formatEnergy(input)).toBe(expected);
  });
});

describe("formatPercent", () => {
  test.each<[number | null, string]>([
    [87.4, "87 %"],
    [99.5, "100 %"],
    [0, "0 %"],
    [-3, "0 %"],
    [104, "100 %"],
    [null, "—"],
  ])("%p → %p", (input, expected) => {
    expect(formatPercent(input)).toBe(expected);
  });
});
