import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { systems, type System } from "@/lib/db/schema";

/** What the pipeline needs of a system. */
export interface PipelineSystem {
  id: number;
  ownerUserId: string;
  vendorType: string;
  vendorSiteId: string;
  status: "active" | "disabled" | "removed";
  displayName: string;
  displayTimezone: string;
  location: unknown;
  metadata: unknown;
}

const parseJson = (v: unknown) => {
  if (typeof v !== "string") return null;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
};

/** Maps a systems row (snake_case) to a PipelineSystem. */
export function toPipelineSystem(r: Record<string, unknown>): PipelineSystem {
  return {
    id: Number(r.id),
    ownerUserId: String(r.owner_user_id),
    vendorType: String(r.vendor_type),
    vendorSiteId: String(r.vendor_site_id),
    status: String(r.status) as PipelineSystem["status"],
    displayName: String(r.display_name),
    displayTimezone: String(r.display_timezone),
    location: parseJson(r.location),
    metadata: parseJson(r.metadata),
  };
}

/** Systems by id (any status), or every system that is not removed when `ids` is null. */
export async function listPipelineSystems(ids: number[] | null): Promise<PipelineSystem[]> {
  if (ids && !ids.length) return [];
  const res = await getDb().$client.execute({
    sql: ids
      ? `SELECT * FROM systems WHERE id IN (${ids.map(() => "?").join(",")}) ORDER BY id`
      : "SELECT * FROM systems WHERE status <> 'removed' ORDER BY id",
    args: ids ?? [],
  });
  return res.rows.map((r) => toPipelineSystem(r as unknown as Record<string, unknown>));
}

/** Every non-removed composite's id and raw metadata (its mapping), by id; `vendorType` is the composites' own. */
export async function listCompositeMetadata(vendorType: string): Promise<Array<{ id: number; metadata: unknown }>> {
  const res = await getDb().$client.execute({
    sql: "SELECT id, metadata FROM systems WHERE vendor_type = ? AND status <> 'removed' ORDER BY id",
    args: [vendorType],
  });
  return res.rows.map((r) => ({ id: Number(r.id), metadata: r.metadata }));
}

/** One systems row (Drizzle shape, any status), or undefined. */
export async function getSystemRow(id: number): Promise<System | undefined> {
  const [row] = await getDb().select().from(systems).where(eq(systems.id, id)).limit(1);
  return row;
}
