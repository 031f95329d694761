/** Electricity price levels (c/kWh, import price) for colouring a tariff chart; thresholds suit Australian retail. */

export type PriceLevel = "negative" | "low" | "normal" | "high" | "spike";

export const PRICE_LEVELS: Array<{ level: PriceLevel; label: string; below: number }> = [
  { level: "negative", label: "Negative (paid to use)", below: 0 },
  { level: "low", label: "Low (under 15 c)", below: 15 },
  { level: "normal", label: "Normal (15–30 c)", below: 30 },
  { level: "high", label: "High (30–60 c)", below: 60 },
  { level: "spike", label: "Spike (60 c and up)", below: Infinity },
];

/** The level of an import price in c/kWh; prices below zero mean the grid pays you to use energy. */
export function priceLevel(centsPerKwh: number): PriceLevel {
  for (const l of PRICE_LEVELS) if (centsPerKwh < l.below) return l.level;
  return "spike";
}

/** The fill colour of a level (CSS, works on light and dark backgrounds). */
export const PRICE_COLORS: Record<PriceLevel, string> = {
  negative: "hsl(199 89% 48%)",
  low: "hsl(142 71% 40%)",
  normal: "hsl(45 93% 47%)",
  high: "hsl(25 95% 53%)",
  spike: "hsl(0 84% 55%)",
};
