import { formatEnergy, formatPercent, formatPower } from "@/lib/format";
import type { ChargingSession, SessionLocation } from "@/lib/ev/types";

export { formatEnergy, formatPercent, formatPower };

/** "1.2 kg CO₂-e" from grams; "—" when unknown. */
export function formatEmissions(grams: number | null): string {
  if (grams === null) return "—";
  return grams >= 1000 ? `${(grams / 1000).toFixed(1)} kg CO₂-e` : `${Math.round(grams)} g CO₂-e`;
}

export const LOCATION_LABEL: Record<SessionLocation, string> = {
  home: "Home",
  away: "Away",
  unknown: "Unknown place",
};

/** The session's charger, in words ("Home charger · AC"). */
export function chargerText(s: Pick<ChargingSession, "chargerName" | "chargerKind">): string {
  return [s.chargerName, s.chargerKind ? s.chargerKind.toUpperCase() : null].filter(Boolean).join(" · ");
}

/** Duration "3 h 25 min". */
export function formatDuration(ms: number): string {
  const min = Math.round(ms / 60_000);
  const h = Math.floor(min / 60);
  return h ? `${h} h ${min % 60} min` : `${min} min`;
}

/** "1,234 km" from km; "—" when unknown. */
export function formatDistance(km: number | null): string {
  return km === null ? "—" : `${Math.round(km).toLocaleString("en-AU")} km`;
}
