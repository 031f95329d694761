import { z } from "zod";
import type { LatestResponse, SystemSummary } from "@/lib/api/contracts";
import { CONTROL_CHARS_RE, NO_CONTROL_CHARS } from "@/lib/systems/fields";
import { CUSTOM_CATEGORY, isStandardCategory } from "./categories";

/** One mapped source point. */
export const pointRefSchema = z.object({
  systemId: z.number().int().positive(),
  pointId: z.number().int().positive(),
});
export type PointRef = z.infer<typeof pointRefSchema>;

const categoryName = z.string().refine((c) => isStandardCategory(c) || CUSTOM_CATEGORY.test(c), {
  message: "a category is solar, battery, load, grid, or a custom name (a-z, 0-9, _; starting with a letter)",
});

export const mappingsSchema = z.record(categoryName, z.array(pointRefSchema).max(100));
export type CompositeMappings = z.infer<typeof mappingsSchema>;

/** `"<systemId>:<pointId>"` of a battery SoC point → that battery's usable capacity in Wh. */
export const capacitiesSchema = z.record(
  z.string().regex(/^\d+:\d+$/, "capacity keys look like <systemId>:<pointId>"),
  z.number().positive("a capacity is a positive number of Wh").max(10_000_000, "a capacity is at most 10 MWh"),
);
export type CompositeCapacities = z.infer<typeof capacitiesSchema>;

/** systems.metadata of a composite (version 2). */
export interface CompositeMetadataV2 {
  version: 2;
  mappings: CompositeMappings;
  capacities?: CompositeCapacities;
}

/** Why a source system (or one of its points) no longer contributes. */
export type DropReason =
  "removed" | "access_revoked" | "nested" | "point_missing" | "point_inactive" | "point_reclassified" | "unresolved";

export interface SourceStatus {
  systemId: number;
  /** Null when the system no longer exists. */
  displayName: string | null;
  vendorType: string | null;
  status: "ok" | "dropped";
  reason?: DropReason;
  message?: string;
}

export interface DroppedPoint {
  category: string;
  systemId: number;
  pointId: number | null;
  reason: DropReason;
  message: string;
}

/** One contributing source value of a composite point (per-source detail of the live response). */
export interface MemberValue {
  systemId: number;
  pointId: number;
  path: string | null;
  value: number | null;
  measurementTimeMs: number | null;
}

/** What GET /api/data/latest adds for a composite: how each synthetic point was made and what dropped out. */
export interface CompositeLatestDetail {
  version: 2;
  sources: SourceStatus[];
  droppedPoints: DroppedPoint[];
  points: Array<{ pointId: number; path: string; category: string; combine: string; members: MemberValue[] }>;
}

export type CompositeLatestResponse = LatestResponse & { composite: CompositeLatestDetail };

export interface MappedPointInfo extends PointRef {
  systemName: string | null;
  pointName: string | null;
  path: string | null;
  unit: string | null;
  status: "ok" | "dropped";
  reason?: DropReason;
}

/** GET /api/composites/[system] (and the answer of PATCH). */
export interface CompositeDetail {
  system: SystemSummary;
  metadata: CompositeMetadataV2;
  mappings: Record<string, MappedPointInfo[]>;
  sources: SourceStatus[];
  droppedPoints: DroppedPoint[];
}

export interface CandidatePoint {
  pointId: number;
  path: string | null;
  displayName: string;
  metricType: string;
  unit: string;
}

/** GET /api/composites/candidates: readable points, grouped by system, then by standard category or "other". */
export interface CandidateSystem {
  systemId: number;
  displayName: string;
  alias: string | null;
  vendorType: string;
  displayTimezone: string;
  role: SystemSummary["role"];
  /** Where the system is (coordinates only), to warn when two sources meter one site; null when not set. */
  location?: { lat: number; lng: number } | null;
  categories: Record<"solar" | "battery" | "load" | "grid" | "other", CandidatePoint[]>;
}

export interface CandidatesResponse {
  systems: CandidateSystem[];
}

const alias = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_]{1,40}$/, "alias: 1–40 letters, digits or _")
  .refine((a) => !/^\d+$/.test(a), "alias must not be all digits (it would look like a system id)");

/** Body of POST /api/composites. */
export const createCompositeSchema = z.object({
  displayName: z
    .string()
    .trim()
    .min(1, "displayName is required")
    .max(100)
    .refine((v) => !CONTROL_CHARS_RE.test(v), NO_CONTROL_CHARS),
  alias: alias.nullish(),
  displayTimezone: z.string().trim().min(1, "displayTimezone is required, e.g. Australia/Melbourne"),
  mappings: mappingsSchema,
  capacities: capacitiesSchema.optional(),
});
export type CreateCompositeInput = z.infer<typeof createCompositeSchema>;

/** Body of PATCH /api/composites/[system]: any subset. */
export const updateCompositeSchema = createCompositeSchema.partial().refine((b) => Object.keys(b).length > 0, {
  message: "Give at least one of displayName, alias, displayTimezone, mappings, capacities",
});
export type UpdateCompositeInput = z.infer<typeof updateCompositeSchema>;
