import "server-only";
import type { InStatement } from "@libsql/client";
import { ApiError } from "@/lib/api/errors";
import { applyPersonAction, resolveStatements } from "./store-alerts";
import { Alert, OPEN, batch, queueDeliveriesStatement, rows } from "./store-shared";

// Fleet alerts: one vendor-outage alert (no system) per vendor whose systems fail at once, holding back the
// per-system alerts of that vendor (`held`) until it clears.

/** Open fleet alerts (vendor outages), by vendor type. */
export async function openOutages(): Promise<Map<string, number>> {
  const found = await rows(`SELECT id, vendor_type FROM alerts WHERE system_id IS NULL AND state IN ${OPEN}`);
  return new Map(found.map((r) => [String(r.vendor_type), Number(r.id)]));
}

/** Raises a vendor's fleet alert (one open per vendor) and holds back the open alerts of its systems' given rules. */
export async function openOutage(
  vendorType: string,
  title: string,
  message: string,
  details: Record<string, unknown>,
  nowMs: number,
): Promise<void> {
  await batch([
    {
      sql:
        "INSERT OR IGNORE INTO alerts (system_id, rule_id, vendor_type, kind, severity, state, title, message, details, " +
        "held, fired_at, updated_at) VALUES (NULL, NULL, ?, 'vendor_outage', 'critical', 'active', ?, ?, ?, 0, ?, ?)",
      args: [vendorType, title, message, JSON.stringify(details), nowMs, nowMs],
    },
    {
      sql:
        "INSERT INTO alert_transitions (alert_id, from_state, to_state, action, actor, at) " +
        "SELECT last_insert_rowid(), NULL, 'active', 'fire', 'system', ? WHERE changes() > 0",
      args: [nowMs],
    },
  ]);
}

/** Resolves a vendor's fleet alert and releases its held system alerts that are still open (they are delivered now). */
export async function closeOutage(outageId: number, vendorType: string, nowMs: number): Promise<void> {
  const held = `(SELECT id FROM alerts WHERE vendor_type = '${vendorType.replace(/'/g, "''")}' AND held = 1 AND state IN ${OPEN})`;
  await batch([
    ...resolveStatements(outageId, "system", nowMs, "vendor recovered"),
    { sql: `UPDATE alerts SET held = 0, updated_at = ? WHERE id IN ${held}`, args: [nowMs] },
    queueDeliveriesStatement(
      `(SELECT id FROM alerts WHERE vendor_type = '${vendorType.replace(/'/g, "''")}' AND held = 0 AND updated_at = ${Number(nowMs)} AND state IN ${OPEN} AND system_id IS NOT NULL)`,
      "fired",
      nowMs,
    ),
  ]);
}

/**
 * A platform admin's action on a vendor's fleet alert (a vendor outage, no system): acknowledging it acknowledges
 * the open per-system alerts it holds back (same vendor, `held`); resolving it also releases them, acknowledged, so
 * they stand on their own (the evaluator resolves each when its system recovers; nothing is mailed for them: the
 * person has seen them). Each change is a recorded transition. 409 when the alert's state does not allow it.
 */
export async function applyFleetAction(
  outage: Alert,
  action: "acknowledge" | "resolve",
  userId: string,
  nowMs = Date.now(),
): Promise<{ alert: Alert; systemAlerts: number }> {
  if (outage.systemId !== null || outage.kind !== "vendor_outage") {
    throw new ApiError("BAD_REQUEST", "Only a vendor-outage alert is acknowledged for the fleet");
  }
  const held = `(SELECT id FROM alerts WHERE vendor_type = ? AND system_id IS NOT NULL AND held = 1 AND state = 'active')`;
  const statements: InStatement[] = [
    {
      sql:
        "INSERT INTO alert_transitions (alert_id, from_state, to_state, action, actor, at, note) " +
        `SELECT id, 'active', 'acknowledged', 'acknowledge', ?, ?, ? FROM alerts WHERE id IN ${held}`,
      args: [userId, nowMs, `with vendor outage alert ${outage.id}`, outage.vendorType],
    },
    {
      sql: `UPDATE alerts SET state = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, updated_at = ? WHERE id IN ${held}`,
      args: [nowMs, userId, nowMs, outage.vendorType],
    },
  ];
  const before = await rows(
    "SELECT count(*) AS n FROM alerts WHERE vendor_type = ? AND system_id IS NOT NULL AND held = 1 AND state = 'active'",
    [outage.vendorType],
  );
  if (action === "resolve") {
    statements.push({
      sql:
        "UPDATE alerts SET held = 0, updated_at = ? WHERE vendor_type = ? AND system_id IS NOT NULL AND held = 1 " +
        `AND state IN ${OPEN}`,
      args: [nowMs, outage.vendorType],
    });
  }
  const after = await applyPersonAction(outage, { action }, userId, nowMs, statements);
  return { alert: after, systemAlerts: Number(before[0]?.n ?? 0) };
}
