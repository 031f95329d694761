/**
 * Composite categories and the rules that turn mapped source points into the composite's own points
 * (client-safe: pure functions, used by the editor and the server alike).
 */

/** The four standard categories and the path prefix each accepts (`<prefix>` or `<prefix>.<extension>`). */
export const STANDARD_CATEGORIES = {
  solar: "source.solar",
  battery: "bidi.battery",
  load: "load",
  grid: "bidi.grid",
} as const;

export type StandardCategory = keyof typeof STANDARD_CATEGORIES;

export const CATEGORY_LABELS: Record<StandardCategory, string> = {
  solar: "Solar",
  battery: "Battery",
  load: "Load",
  grid: "Grid",
};

/** A custom category name: lower-case letters, digits and `_`, starting with a letter, not a standard name. */
export const CUSTOM_CATEGORY = /^[a-z][a-z0-9_]{0,31}$/;

export function isStandardCategory(name: string): name is StandardCategory {
  return Object.prototype.hasOwnProperty.call(STANDARD_CATEGORIES, name);
}

/** The head (`type[.subtype[.extension]]`) and metric of a path; null for an unclassified point. */
export function splitPath(path: string | null): { head: string; metric: string } | null {
  if (!path) return null;
  const slash = path.indexOf("/");
  if (slash <= 0) return null;
  return { head: path.slice(0, slash), metric: path.slice(slash + 1) };
}

/** Whether a point path may be mapped to a category (custom categories take any point, classified or not). */
export function pathFitsCategory(category: string, path: string | null): boolean {
  if (!isStandardCategory(category)) return true;
  const parts = splitPath(path);
  if (!parts) return false;
  const prefix = STANDARD_CATEGORIES[category];
  return parts.head === prefix || parts.head.startsWith(`${prefix}.`);
}

/** The standard category a path belongs to, or null (such a point can only go into a custom category). */
export function categoryOfPath(path: string | null): StandardCategory | null {
  for (const c of Object.keys(STANDARD_CATEGORIES) as StandardCategory[]) if (pathFitsCategory(c, path)) return c;
  return null;
}

/**
 * How parts (`<prefix>.<extension>` paths) feed a category total when no whole point is mapped:
 * solar parts (local/remote, arrays) stand in for their own system's missing total; load sub-circuits count only
 * when no system maps a whole load (they usually sit inside another system's total); battery and grid extensions
 * are directions (charge/discharge, import/export), never summed into the total.
 */
export const PART_ROLLUP: Record<StandardCategory, "per-system" | "if-no-whole" | "never"> = {
  solar: "per-system",
  load: "if-no-whole",
  battery: "never",
  grid: "never",
};

/** How the values of one output point combine. */
export type Combine = "sum" | "capacity" | "average" | "latest";

/** Power, energy and cost add up; SoC is weighted by capacity; prices and percentages average; the rest: newest. */
export function combineFor(metric: string, allHaveCapacity: boolean): Combine {
  if (metric === "power" || metric === "energy" || metric === "cost") return "sum";
  if (metric === "soc") return allHaveCapacity ? "capacity" : "average";
  if (metric === "price" || metric === "percent") return "average";
  return "latest";
}

/** The key of a battery capacity in metadata.capacities: `<systemId>:<pointId>`. */
export const capacityKey = (systemId: number, pointId: number) => `${systemId}:${pointId}`;
