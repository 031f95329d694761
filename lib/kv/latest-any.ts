import "server-only";
import type { LatestResponse } from "@/lib/api/contracts";
import { listPipelineSystems } from "@/lib/db/queries/systems";
import { isVirtualVendor } from "@/lib/vendors";
import { getLatest as getStoredLatest } from "./get-latest";

/**
 * The newest values of any system: a stored system's from the cache or database (getLatest in get-latest.ts),
 * a composite's computed from its sources (lib/composite, with per-source detail and dropped sources).
 */
export async function getLatest(systemId: number): Promise<LatestResponse> {
  const [system] = await listPipelineSystems([systemId]);
  if (!isVirtualVendor(system?.vendorType)) return getStoredLatest(systemId);
  // Loaded on demand so ingest and the poller (which import lib/kv) never pull the composite layer in.
  const { getCompositeLatest } = await import("@/lib/composite/latest");
  return getCompositeLatest(system);
}
