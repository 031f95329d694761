/**
 * Charging sessions (issue #19), server side: any EV load point (`load.ev/…`) and optional vehicle points.
 * Client components import types from "@/lib/ev/types" only. See docs/architecture.md "Charging sessions".
 */
import "server-only";
import { localDay } from "@/lib/time/zones";
import { EV_NOTES, evStatus, evSystemOf, getChargingSessions, planOf } from "./sessions";
import { kmByMonth } from "./distance";
import { monthSummaries } from "./summary";
import type { ChargingSessionsResponse, SessionLocation } from "./types";

export * from "./types";
export { EV_SUBTYPE, VEHICLE_TYPE, evPlan, hasEvLoad } from "./points";
export { computeSessions, getChargingSessions, sessionsAfterDaily, writeSessionDays } from "./sessions";
export { sessionsCsv } from "./csv";
export { monthSummaries } from "./summary";

/**
 * GET /api/systems/{system}/charging-sessions: the sessions starting on local days from..to (default: this month
 * so far), their monthly summaries and the EV's state now. A system without an EV load point or vehicle points
 * answers `hasEv: false` with no sessions.
 */
export async function chargingSessionsResponse(
  systemId: number,
  query: { from?: string; to?: string; location?: SessionLocation },
  nowMs = Date.now(),
): Promise<ChargingSessionsResponse> {
  const system = await evSystemOf(systemId);
  const zone = system.displayTimezone;
  const today = localDay(nowMs, zone);
  const from = query.from ?? `${(query.to ?? today).slice(0, 7)}-01`;
  const to = query.to ?? (from.slice(0, 7) === today.slice(0, 7) ? today : lastDayOfMonth(from));
  const plan = await planOf(systemId);
  const hasEv = plan.chargers.length > 0 || plan.vehicle !== null;
  const all = hasEv ? await getChargingSessions(system, from, to, nowMs) : [];
  const sessions = query.location ? all.filter((s) => s.location === query.location) : all;
  const km = hasEv ? await kmByMonth(systemId, zone, plan, from, to, nowMs) : new Map<string, number>();
  const notHome = new Set(all.filter((s) => s.location !== "home").map((s) => s.day.slice(0, 7)));
  return {
    systemId,
    displayTimezone: zone,
    from,
    to,
    hasEv,
    chargers: plan.chargers.map((c) => ({ key: c.key, name: c.name })),
    hasVehicle: plan.vehicle !== null,
    sessions,
    months: monthSummaries(sessions, { km, notHome }),
    status: hasEv && from <= today && today <= to ? await evStatus(system, plan, nowMs) : null,
    notes: EV_NOTES,
  };
}

function lastDayOfMonth(day: string): string {
  const [y, m] = day.split("-").map(Number);
  const d = new Date(Date.UTC(y, m, 0));
  return d.toISOString().slice(0, 10);
}
