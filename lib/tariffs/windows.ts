import { toMinutes, type DayKind, type TimeWindow } from "./schema";

/** Windows are resolved on the 288 five-minute slots of a local day (slot 0 = 00:00–00:05). */
export const SLOT_MINUTES = 5;
export const SLOTS_PER_DAY = 1440 / SLOT_MINUTES;

/** The [from, to) slot ranges a window covers on any day it applies to (two ranges when it wraps midnight). */
export function windowSlots(w: TimeWindow): Array<[number, number]> {
  const from = toMinutes(w.from) / SLOT_MINUTES;
  const to = toMinutes(w.to) / SLOT_MINUTES;
  if (to > from) return [[from, to]];
  const out: Array<[number, number]> = [];
  if (from < SLOTS_PER_DAY) out.push([from, SLOTS_PER_DAY]);
  if (to > 0) out.push([0, to]);
  return out;
}

/** Whether a window applies on a day of this kind in this month (1–12). */
export function windowApplies(w: TimeWindow, kind: DayKind, month: number): boolean {
  return w.days.includes(kind) && (!w.months || w.months.includes(month));
}

/** Per slot of a day of `kind` in `month`: which of the window groups cover it (a bit per group, up to 31). */
export function coverageBySlot(
  groups: ReadonlyArray<readonly TimeWindow[]>,
  kind: DayKind,
  month: number,
): Uint32Array {
  const cover = new Uint32Array(SLOTS_PER_DAY);
  groups.forEach((windows, g) => {
    for (const w of windows) {
      if (!windowApplies(w, kind, month)) continue;
      for (const [a, b] of windowSlots(w)) for (let s = a; s < b; s++) cover[s] |= 1 << g;
    }
  });
  return cover;
}

/** Per slot, the index of the first period whose windows cover it, or -1 when none does. */
export function periodBySlot(
  periods: ReadonlyArray<{ windows: readonly TimeWindow[] }>,
  kind: DayKind,
  month: number,
): Int8Array {
  const out = new Int8Array(SLOTS_PER_DAY).fill(-1);
  const cover = coverageBySlot(
    periods.map((p) => p.windows),
    kind,
    month,
  );
  for (let s = 0; s < SLOTS_PER_DAY; s++) if (cover[s]) out[s] = 31 - Math.clz32(cover[s] & -cover[s]);
  return out;
}

/** `HH:mm` of a slot boundary (288 → 24:00). */
export function slotTime(slot: number): string {
  const minutes = slot * SLOT_MINUTES;
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Months as a person writes them: "Jun–Aug", "Jan, Feb and Dec"; "" for all twelve. */
export function describeMonths(months: readonly number[]): string {
  const sorted = [...new Set(months)].sort((a, b) => a - b);
  if (sorted.length === 12) return "";
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    const a = MONTH_NAMES[sorted[i] - 1];
    const b = MONTH_NAMES[sorted[j] - 1];
    if (j - i >= 2) runs.push(`${a}–${b}`);
    else runs.push(...sorted.slice(i, j + 1).map((m) => MONTH_NAMES[m - 1]));
    i = j + 1;
  }
  return listJoin(runs);
}

/** "a", "a and b", "a, b and c". */
export function listJoin(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export const DAY_KIND_LABEL: Record<DayKind, string> = {
  weekday: "weekdays",
  weekend: "weekends",
  holiday: "public holidays",
};
