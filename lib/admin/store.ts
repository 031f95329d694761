import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { systems, type SystemStatus } from "@/lib/db/schema";
import type { SessionsQuery } from "./sessions";

type Row = Record<string, unknown>;

/**
 * Up to `limit` sessions rows (joined with their system's name) matching the filters, after the keyset `cursor`
 * (sort value, id) when given; every filter has an index ending in (started, id) (migrations/0003_access.sql).
 */
export async function selectSessions(q: SessionsQuery, cursor: [number, number] | null, limit: number): Promise<Row[]> {
  const where: string[] = [];
  const args: Array<string | number> = [];
  const add = (clause: string, ...values: Array<string | number>) => {
    where.push(clause);
    args.push(...values);
  };
  if (q.systemId !== undefined) add("s.system_id = ?", q.systemId);
  if (q.vendor) add("s.vendor_type = ?", q.vendor);
  if (q.cause) add("s.cause = ?", q.cause);
  if (q.success === "pending") add("s.successful IS NULL");
  else if (q.success) add("s.successful = ?", q.success === "true" ? 1 : 0);
  if (q.from !== undefined) add("s.started >= ?", q.from);
  if (q.to !== undefined) add("s.started <= ?", q.to);
  const column = q.sort === "duration" ? "s.duration" : "s.started";
  const op = q.dir === "desc" ? "<" : ">";
  if (cursor) add(`(${column}, s.id) ${op} (?, ?)`, ...cursor);
  const dir = q.dir.toUpperCase();
  const res = await getDb().$client.execute({
    sql:
      "SELECT s.id, s.system_id, y.display_name, s.vendor_type, s.cause, s.started, s.duration, s.successful, " +
      "s.error_code, s.error, s.num_rows, s.session_label FROM sessions s LEFT JOIN systems y ON y.id = s.system_id " +
      `${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY ${column} ${dir}, s.id ${dir} LIMIT ?`,
    args: [...args, limit],
  });
  return res.rows as unknown as Row[];
}

/** One sessions row (all columns, with its system's name), or undefined. */
export async function selectSession(id: number): Promise<Row | undefined> {
  const res = await getDb().$client.execute({
    sql: "SELECT s.*, y.display_name FROM sessions s LEFT JOIN systems y ON y.id = s.system_id WHERE s.id = ? LIMIT 1",
    args: [id],
  });
  return res.rows[0] as unknown as Row | undefined;
}

/** Every system (removed ones too) with its owner's name and polling state; failing systems first. */
export async function selectAdminSystems(): Promise<Row[]> {
  const res = await getDb().$client.execute(
    "SELECT s.id, s.display_name, s.alias, s.vendor_type, s.vendor_site_id, s.status, s.owner_user_id, s.metadata, " +
      "u.display_name AS owner_name, p.last_poll_time, p.last_success_time, p.last_error, p.last_error_code, " +
      "COALESCE(p.consecutive_errors, 0) AS consecutive_errors, p.next_poll_at FROM systems s " +
      "LEFT JOIN users u ON u.id = s.owner_user_id LEFT JOIN polling_status p ON p.system_id = s.id " +
      "ORDER BY s.status = 'removed', COALESCE(p.consecutive_errors, 0) DESC, s.id",
  );
  return res.rows as unknown as Row[];
}

/** Polls (sessions other than pushes) per system since `sinceMs` for the given vendors. */
export async function countPollsSince(sinceMs: number, vendors: string[]): Promise<Map<number, number>> {
  const used = new Map<number, number>();
  if (!vendors.length) return used;
  const counts = await getDb().$client.execute({
    sql:
      `SELECT system_id, count(*) AS n FROM sessions WHERE started >= ? AND vendor_type IN (${vendors.map(() => "?").join(",")}) ` +
      "AND cause <> 'PUSH' GROUP BY system_id",
    args: [sinceMs, ...vendors],
  });
  for (const r of counts.rows) used.set(Number(r.system_id), Number(r.n));
  return used;
}

/** Sets a system's status; a re-enabled one is due at once. Returns the updated row, or undefined. */
export async function updateSystemStatus(
  systemId: number,
  status: SystemStatus,
): Promise<{ id: number; status: SystemStatus } | undefined> {
  const done = await getDb()
    .update(systems)
    .set({ status, updatedAt: Date.now() })
    .where(eq(systems.id, systemId))
    .returning({ id: systems.id, status: systems.status });
  if (!done.length) return undefined;
  if (status === "active") {
    // A re-enabled system should be polled on the next run, not after its old back-off.
    await getDb().$client.execute({
      sql: "UPDATE polling_status SET next_poll_at = NULL WHERE system_id = ?",
      args: [systemId],
    });
  }
  return done[0];
}

/** Users (platform admins first, then by name) and every (user, system, role) link, owners included. */
export async function selectAdminUsers(limit: number): Promise<{ users: Row[]; links: Row[] }> {
  const client = getDb().$client;
  const users = await client.execute({
    sql:
      "SELECT id, display_name, username, email, is_platform_admin, disabled_at, created_at FROM users " +
      "ORDER BY is_platform_admin DESC, display_name, id LIMIT ?",
    args: [limit],
  });
  const links = await client.execute(
    "SELECT owner_user_id AS user_id, id, display_name, 'owner' AS role, status FROM systems " +
      "UNION ALL SELECT g.user_id, s.id, s.display_name, g.role, s.status FROM user_systems g " +
      "JOIN systems s ON s.id = g.system_id ORDER BY 2",
  );
  return { users: users.rows as unknown as Row[], links: links.rows as unknown as Row[] };
}

/** A numeric PRAGMA's value; null where the database does not answer it (some remote setups). */
export async function pragmaNumber(name: "page_count" | "page_size"): Promise<number | null> {
  try {
    const res = await getDb().$client.execute(`PRAGMA ${name}`);
    const v = res.rows[0] ? Object.values(res.rows[0])[0] : null;
    return v === null || v === undefined ? null : Number(v);
  } catch {
    return null;
  }
}

/** Row count, and min and max of `time` when given, of one table in a single scan; null if the table is missing. */
export async function tableSpan(
  table: string,
  time: string | null,
): Promise<{ n: unknown; oldest: unknown; newest: unknown } | null> {
  try {
    const sel = time ? `, min(${time}) AS oldest, max(${time}) AS newest` : "";
    const res = await getDb().$client.execute(`SELECT count(*) AS n${sel} FROM ${table}`);
    const r = res.rows[0];
    return { n: r.n, oldest: r.oldest, newest: r.newest };
  } catch {
    // A table from a migration this database has not applied yet.
    return null;
  }
}
