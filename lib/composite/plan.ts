import {
  CATEGORY_LABELS,
  combineFor,
  isStandardCategory,
  PART_ROLLUP,
  splitPath,
  STANDARD_CATEGORIES,
  type Combine,
} from "./categories";

/** A mapped source point that still contributes (resolved against point_info). */
export interface Member {
  category: string;
  systemId: number;
  pointId: number;
  path: string | null;
  metricType: string;
  unit: string;
  transform: "i" | "d" | null;
  displayName: string;
  capacityWh: number | null;
}

/** One synthetic point of the composite and the source points it is made of. */
export interface OutputPoint {
  pointId: number;
  path: string;
  category: string;
  metric: string;
  unit: string;
  displayName: string;
  combine: Combine;
  members: Member[];
}

/** FNV-1a, 32-bit: a stable number for a path. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The pointId of a composite's synthetic point: negative (never a real point_info id) and derived from its path
 * alone, so it stays the same whatever else the mapping holds.
 */
export function syntheticPointId(path: string): number {
  return -((fnv1a(path) % 2_000_000_000) + 1);
}

const METRIC_LABELS: Record<string, string> = { power: "power", energy: "energy", soc: "SoC", price: "price" };
const metricLabel = (m: string) => METRIC_LABELS[m] ?? m;

function label(base: string, combine: Combine, count: number): string {
  if (count > 1 && combine === "capacity") return `${base} (capacity-weighted)`;
  if (count > 1 && combine === "average") return `${base} (average)`;
  if (count > 1 && combine === "latest") return `${base} (newest of ${count})`;
  return base;
}

function output(
  path: string,
  category: string,
  metric: string,
  name: string,
  members: Member[],
  isPart = false,
): OutputPoint {
  const combine = combineFor(
    metric,
    members.every((m) => m.capacityWh !== null && m.capacityWh > 0),
  );
  // A part fed by one source keeps that point's own (user-editable) name, e.g. "Pool pump".
  const displayName = isPart && members.length === 1 ? members[0].displayName : name;
  return {
    pointId: syntheticPointId(path),
    path,
    category,
    metric,
    unit: members[0].unit,
    displayName: label(displayName, combine, members.length),
    combine,
    members,
  };
}

/** The contributors of a standard category's total for one metric (see PART_ROLLUP). */
function totalMembers(category: keyof typeof STANDARD_CATEGORIES, wholes: Member[], parts: Member[]): Member[] {
  const rule = PART_ROLLUP[category];
  if (rule === "never") return wholes;
  if (rule === "if-no-whole") return wholes.length ? wholes : parts;
  const systems = [...new Set([...wholes, ...parts].map((m) => m.systemId))].sort((a, b) => a - b);
  return systems.flatMap((id) => {
    const own = wholes.filter((m) => m.systemId === id);
    return own.length ? own : parts.filter((m) => m.systemId === id);
  });
}

/**
 * The composite's points: per standard category and metric a total `<prefix>/<metric>` plus one point per mapped
 * extension path (`bidi.grid.import/energy`, `load.hvac/power` …), each summing every source that maps it; per
 * custom category and metric one `custom.<name>/<metric>` point. Keyed by source point, so equal paths all count.
 */
export function planOutputs(members: Member[]): OutputPoint[] {
  const outputs: OutputPoint[] = [];
  const categories = [...new Set(members.map((m) => m.category))];
  for (const category of categories) {
    const mine = members.filter((m) => m.category === category);
    for (const metric of [...new Set(mine.map((m) => m.metricType))].sort()) {
      const same = mine.filter((m) => m.metricType === metric);
      if (!isStandardCategory(category)) {
        outputs.push(
          output(`custom.${category}/${metric}`, category, metric, `${category} ${metricLabel(metric)}`, same),
        );
        continue;
      }
      const prefix = STANDARD_CATEGORIES[category];
      const wholes = same.filter((m) => splitPath(m.path)?.head === prefix);
      const parts = same.filter((m) => splitPath(m.path)?.head !== prefix);
      const total = totalMembers(category, wholes, parts);
      const name = `${CATEGORY_LABELS[category]} ${metricLabel(metric)}`;
      if (total.length) outputs.push(output(`${prefix}/${metric}`, category, metric, name, total));
      for (const path of [...new Set(parts.map((m) => m.path!))].sort()) {
        const ext = splitPath(path)!
          .head.slice(prefix.length + 1)
          .replace(/\./g, " ");
        const name = `${CATEGORY_LABELS[category]} ${ext} ${metricLabel(metric)}`;
        outputs.push(
          output(
            path,
            category,
            metric,
            name,
            same.filter((m) => m.path === path),
            true,
          ),
        );
      }
    }
  }
  const seen = new Set<number>();
  for (const o of outputs) {
    while (seen.has(o.pointId)) o.pointId -= 1; // a hash collision inside one composite: astronomically rare
    seen.add(o.pointId);
  }
  return outputs;
}
