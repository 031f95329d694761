import type { Client, InValue } from "@libsql/client";

export interface SeedSystemsOptions {
  count: number;
  /** First system id (ids are consecutive). */
  firstId?: number;
  vendorType: string;
  /** The vendor's site id of the i-th system (0-based). */
  siteId: (i: number) => string;
  zone?: string;
  /** Already encrypted credentials and vendor state, shared by every system (one encryption, not N). */
  credentials?: string;
  state?: string | null;
  ownerUserId?: string;
}

/** Bulk-inserts systems with their polling_status and vendor_credentials rows, 500 per statement, one transaction. */
export async function seedSystems(client: Client, o: SeedSystemsOptions): Promise<number[]> {
  const now = Date.now();
  const first = o.firstId ?? 1;
  const owner = o.ownerUserId ?? "bench-owner";
  const zone = o.zone ?? "Australia/Melbourne";
  const ids = Array.from({ length: o.count }, (_, i) => first + i);
  const statements: Array<{ sql: string; args: InValue[] }> = [];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const sys: InValue[] = [];
    const poll: InValue[] = [];
    const cred: InValue[] = [];
    for (const id of part) {
      sys.push(id, owner, o.vendorType, o.siteId(id - first), `Bench ${id}`, 600, zone, now, now);
      poll.push(id, now);
      if (o.credentials) cred.push(id, owner, o.credentials, o.state ?? null, now, now);
    }
    statements.push({
      sql:
        "INSERT INTO systems (id, owner_user_id, vendor_type, vendor_site_id, display_name, timezone_offset_min, " +
        `display_timezone, created_at, updated_at) VALUES ${part.map(() => "(?,?,?,?,?,?,?,?,?)").join(",")}`,
      args: sys,
    });
    statements.push({
      sql: `INSERT INTO polling_status (system_id, updated_at) VALUES ${part.map(() => "(?,?)").join(",")}`,
      args: poll,
    });
    if (o.credentials) {
      statements.push({
        sql:
          "INSERT INTO vendor_credentials (system_id, owner_user_id, credentials, state, created_at, updated_at) " +
          `VALUES ${part.map(() => "(?,?,?,?,?,?)").join(",")}`,
        args: cred,
      });
    }
  }
  await client.batch(statements, "write");
  return ids;
}

/** Point definitions for bulk-loaded data: `count` points per system with a mix of power, energy (d) and SOC. */
export async function seedPoints(client: Client, systemIds: number[], count: number): Promise<void> {
  const now = Date.now();
  const kinds = [
    { type: "source", subtype: "solar", metric: "power", unit: "W", transform: null },
    { type: "load", subtype: null, metric: "power", unit: "W", transform: null },
    { type: "bidi", subtype: "battery", metric: "power", unit: "W", transform: null },
    { type: "bidi", subtype: "grid", metric: "power", unit: "W", transform: null },
    { type: "bidi", subtype: "battery", metric: "soc", unit: "%", transform: null },
    { type: "source", subtype: "solar", metric: "energy", unit: "Wh", transform: "d" },
  ] as const;
  const statements: Array<{ sql: string; args: InValue[] }> = [];
  const rows: InValue[][] = [];
  for (const sid of systemIds) {
    for (let p = 1; p <= count; p++) {
      const k = kinds[(p - 1) % kinds.length];
      // Distinct extensions keep every point's path unique (p1, p2 …), as a real multi-string system would.
      const ext = k.subtype ? `p${p}` : null;
      rows.push([sid, p, `pt${p}`, "", `Point ${p}`, `Point ${p}`, k.type, k.subtype, ext, k.metric, k.unit]);
      rows[rows.length - 1].push(k.transform, now, now);
    }
  }
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    statements.push({
      sql:
        "INSERT INTO point_info (system_id, id, origin_id, origin_sub_id, point_name, display_name, type, subtype, " +
        `extension, metric_type, metric_unit, transform, created, updated_at) VALUES ${part
          .map(() => "(?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
          .join(",")}`,
      args: part.flat(),
    });
  }
  await client.batch(statements, "write");
}
