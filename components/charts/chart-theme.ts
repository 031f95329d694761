/** Shared Recharts styling: colours from the CSS variables so light and dark themes both work. */

export const AXIS_TICK = { fontSize: 12, fill: "hsl(var(--muted-foreground))" };
export const AXIS_STROKE = "hsl(var(--border))";

export const FLOW_COLORS = {
  solar: "hsl(var(--solar))",
  load: "hsl(var(--load))",
  battery: "hsl(var(--battery))",
  grid: "hsl(var(--grid))",
} as const;

/** Axis label for watts: "0", "500 W", "2.5 kW" (magnitudes: the mirror chart draws use below zero). */
export function axisPower(w: number): string {
  const a = Math.abs(w);
  if (a === 0) return "0";
  if (a < 1000) return `${Math.round(a)} W`;
  return `${Number((a / 1000).toFixed(1))} kW`;
}
