/**
 * Display formatting of canonical power (W) and energy (Wh). Values stay signed; callers decide whether to show
 * the magnitude with a direction word (battery, grid) or the signed number.
 */

const DASH = "—";

function finite(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** Formats watts: below 1 kW as whole watts ("850 W"), from 1 kW as kilowatts with two decimals ("3.42 kW"). */
export function formatPower(watts: number | null | undefined): string {
  if (!finite(watts)) return DASH;
  const abs = Math.abs(watts);
  if (Math.round(abs) < 1000) return `${Math.round(watts) || 0} W`;
  if (abs < 999_995) return `${(watts / 1000).toFixed(2)} kW`;
  return `${(watts / 1_000_000).toFixed(2)} MW`;
}

/** Formats watt-hours as kilowatt-hours: "0.85 kWh", "12.3 kWh", "1,234 kWh" (precision falls as size grows). */
export function formatEnergy(wattHours: number | null | undefined): string {
  if (!finite(wattHours)) return DASH;
  const kwh = wattHours / 1000;
  const abs = Math.abs(kwh);
  const digits = abs < 10 ? 2 : abs < 100 ? 1 : 0;
  const text = kwh.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${text === "-0.00" || text === "-0.0" || text === "-0" ? text.slice(1) : text} kWh`;
}

/** Formats a percentage as a whole number ("87 %"), clamped to 0–100 for state of charge. */
export function formatPercent(percent: number | null | undefined): string {
  if (!finite(percent)) return DASH;
  return `${Math.round(Math.min(100, Math.max(0, percent)))} %`;
}
