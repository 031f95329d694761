import type { CompositeCapacities, CompositeMappings, CompositeMetadataV2, PointRef } from "./types";
import { capacitiesSchema, mappingsSchema } from "./types";

/** A version-1 reference (`liveone.system1.source.solar.local.power.avg`): a system and candidate paths. */
export interface LegacyRef {
  systemId: number;
  paths: string[];
  raw: string;
}

export type StoredRef = PointRef | LegacyRef;

export interface ParsedMetadata {
  version: 1 | 2;
  mappings: Record<string, StoredRef[]>;
  capacities: CompositeCapacities;
  /** Entries that could not be read at all (shown as dropped, never silently ignored). */
  unreadable: Array<{ category: string; raw: string }>;
}

export const isLegacyRef = (r: StoredRef): r is LegacyRef => "paths" in r;

const V1 = /^liveone\.system(\d+)\.([a-z0-9_.-]+)\.([a-z_]+)\.(?:avg|last|min|max|delta|sum)$/i;

/** Parses one version-1 string; `load.total.power.avg` also tries `load/power` (v1 spelled totals out). */
export function parseLegacyRef(raw: string): LegacyRef | null {
  const m = V1.exec(raw);
  if (!m) return null;
  const [, id, head, metric] = m;
  const paths = [`${head}/${metric}`];
  if (head.endsWith(".total")) paths.push(`${head.slice(0, -".total".length)}/${metric}`);
  return { systemId: Number(id), paths, raw };
}

/**
 * Reads systems.metadata of a composite: version 2 (`{ version: 2, mappings: { cat: [{ systemId, pointId }] } }`)
 * or seed 000's version 1 (`{ version: 1, mappings: { cat: ["liveone.system1.source.solar.power.avg"] } }`).
 */
export function parseCompositeMetadata(raw: unknown): ParsedMetadata {
  const out: ParsedMetadata = { version: 2, mappings: {}, capacities: {}, unreadable: [] };
  const meta = (typeof raw === "string" ? safeJson(raw) : raw) as Record<string, unknown> | null;
  if (!meta || typeof meta !== "object") return out;
  const caps = capacitiesSchema.safeParse(meta.capacities ?? {});
  if (caps.success) out.capacities = caps.data;
  if (meta.version === 1) {
    out.version = 1;
    for (const [category, list] of Object.entries((meta.mappings ?? {}) as Record<string, unknown>)) {
      out.mappings[category] = [];
      for (const item of Array.isArray(list) ? list : []) {
        const ref = typeof item === "string" ? parseLegacyRef(item) : null;
        if (ref) out.mappings[category].push(ref);
        else out.unreadable.push({ category, raw: String(item) });
      }
    }
    return out;
  }
  const parsed = mappingsSchema.safeParse(meta.mappings ?? {});
  if (parsed.success) out.mappings = parsed.data;
  else out.unreadable.push({ category: "*", raw: JSON.stringify(meta.mappings ?? null).slice(0, 200) });
  return out;
}

/** The stored form of a validated mapping (always version 2; empty categories are dropped). */
export function buildMetadata(mappings: CompositeMappings, capacities?: CompositeCapacities): CompositeMetadataV2 {
  const clean: CompositeMappings = {};
  for (const [c, refs] of Object.entries(mappings)) {
    if (refs.length) clean[c] = refs.map((r) => ({ systemId: r.systemId, pointId: r.pointId }));
  }
  const meta: CompositeMetadataV2 = { version: 2, mappings: clean };
  if (capacities && Object.keys(capacities).length) meta.capacities = { ...capacities };
  return meta;
}

/** Every source system id a metadata refers to. */
export function sourceIdsOf(meta: ParsedMetadata): number[] {
  const ids = new Set<number>();
  for (const refs of Object.values(meta.mappings)) for (const r of refs) ids.add(r.systemId);
  return [...ids].sort((a, b) => a - b);
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
