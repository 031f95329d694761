"use client";

import { capacityKey, CATEGORY_LABELS, type StandardCategory } from "@/lib/composite/categories";
import type { CandidatePoint, CandidateSystem } from "@/lib/composite/types";
import type { Assignments } from "./use-composite-form";

const GROUPS: Array<{ key: StandardCategory | "other"; label: string }> = [
  { key: "solar", label: CATEGORY_LABELS.solar },
  { key: "battery", label: CATEGORY_LABELS.battery },
  { key: "load", label: CATEGORY_LABELS.load },
  { key: "grid", label: CATEGORY_LABELS.grid },
  { key: "other", label: "Other (custom categories only)" },
];

export const inputClass =
  "h-9 rounded-md border border-input bg-background px-2 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring";

interface PickerProps {
  systems: CandidateSystem[];
  assignments: Assignments;
  customCategories: string[];
  capacitiesKwh: Record<string, string>;
  onAssign: (key: string, category: string | null) => void;
  onCapacity: (key: string, kwh: string) => void;
}

/** Every readable point, grouped by system and category; each row picks the category it feeds (or none). */
export function PointPicker({ systems, ...rest }: PickerProps) {
  if (!systems.length) {
    return <p className="text-sm text-muted-foreground">You have no systems with points yet: add a system first.</p>;
  }
  return (
    <div className="space-y-4">
      {systems.map((s) => (
        <fieldset key={s.systemId} className="rounded-lg border p-3 sm:p-4">
          <legend className="px-1 text-sm font-semibold">
            {s.displayName} <span className="font-normal text-muted-foreground">· {s.vendorType}</span>
          </legend>
          {GROUPS.filter((g) => s.categories[g.key].length).map((g) => (
            <div key={g.key} className="mt-2">
              <h3 className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{g.label}</h3>
              <ul className="mt-1 divide-y">
                {s.categories[g.key].map((p) => (
                  <PointRow key={p.pointId} systemId={s.systemId} point={p} group={g.key} {...rest} />
                ))}
              </ul>
            </div>
          ))}
        </fieldset>
      ))}
    </div>
  );
}

function PointRow({
  systemId,
  point,
  group,
  assignments,
  customCategories,
  capacitiesKwh,
  onAssign,
  onCapacity,
}: Omit<PickerProps, "systems"> & { systemId: number; point: CandidatePoint; group: StandardCategory | "other" }) {
  const key = capacityKey(systemId, point.pointId);
  const id = `point-${systemId}-${point.pointId}`;
  const value = assignments[key] ?? "";
  const options = [...(group === "other" ? [] : [group]), ...customCategories];
  return (
    <li className="flex flex-wrap items-center gap-2 py-2">
      <label htmlFor={id} className="min-w-0 flex-1 text-sm">
        {point.displayName}
        <span className="ml-2 font-mono text-xs text-muted-foreground">{point.path ?? "unclassified"}</span>
      </label>
      {value === "battery" && point.metricType === "soc" && (
        <input
          aria-label={`Capacity of ${point.displayName} in kWh`}
          className={`${inputClass} w-28`}
          inputMode="decimal"
          placeholder="kWh"
          value={capacitiesKwh[key] ?? ""}
          onChange={(e) => onCapacity(key, e.target.value)}
        />
      )}
      <select
        id={id}
        className={`${inputClass} w-40`}
        value={value}
        disabled={!options.length}
        onChange={(e) => onAssign(key, e.target.value || null)}
      >
        <option value="">Not used</option>
        {options.map((c) => (
          <option key={c} value={c}>
            {c in CATEGORY_LABELS ? CATEGORY_LABELS[c as StandardCategory] : c}
          </option>
        ))}
      </select>
    </li>
  );
}
