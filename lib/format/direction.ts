/**
 * Direction words from the canonical signs: battery + = discharging, − = charging; grid + = import, − = export.
 * Values within ±threshold W count as idle so sensor noise around zero does not flip the word.
 */

export type BatteryDirection = "charging" | "discharging" | "idle";
export type GridDirection = "importing" | "exporting" | "idle";

export const IDLE_THRESHOLD_W = 10;

/** Battery direction from signed power (W): positive discharges into the home, negative charges. */
export function batteryDirection(powerW: number | null | undefined, thresholdW = IDLE_THRESHOLD_W): BatteryDirection {
  if (typeof powerW !== "number" || !Number.isFinite(powerW) || Math.abs(powerW) <= thresholdW) return "idle";
  return powerW > 0 ? "discharging" : "charging";
}

/** Grid direction from signed power (W): positive imports from the grid, negative exports to it. */
export function gridDirection(powerW: number | null | undefined, thresholdW = IDLE_THRESHOLD_W): GridDirection {
  if (typeof powerW !== "number" || !Number.isFinite(powerW) || Math.abs(powerW) <= thresholdW) return "idle";
  return powerW > 0 ? "importing" : "exporting";
}

/**
 * Words for a feed-in price in the retailer's sign (what the customer pays: negative = exporting earns money), so a
 * homeowner never has to decode "−8.0 c/kWh": "feed-in earns 8.0 c/kWh", "exporting costs 2.0 c/kWh".
 */
export function feedInText(centsPerKwh: number): string {
  const amount = Math.abs(centsPerKwh).toFixed(1);
  if (amount === "0.0") return "feed-in 0.0 c/kWh";
  return centsPerKwh < 0 ? `feed-in earns ${amount} c/kWh` : `exporting costs ${amount} c/kWh`;
}
