import { toMinutes, type DayKind, type TariffPlanFields, type TimeWindow, type TouPeriod } from "./schema";
import { coverageBySlot, DAY_KIND_LABEL, describeMonths, listJoin, SLOTS_PER_DAY, slotTime } from "./windows";

/** A problem with a plan, said the way a person would ("Peak and Shoulder overlap on weekdays 16:00–17:00"). */
export interface TariffIssue {
  path: string;
  message: string;
}

export interface TariffValidation {
  /** The plan cannot price every interval unambiguously: refuse to save it. */
  errors: TariffIssue[];
  /** Allowed, but probably not what was meant. */
  warnings: TariffIssue[];
}

interface Run {
  from: number;
  to: number;
  cover: number;
}

/** Runs of equal coverage that are gaps (0) or overlaps (2+ periods), a run across midnight joined into one. */
function problemRuns(cover: Uint32Array): Run[] {
  const runs: Run[] = [];
  for (let s = 0; s < SLOTS_PER_DAY;) {
    let e = s;
    while (e < SLOTS_PER_DAY && cover[e] === cover[s]) e++;
    runs.push({ from: s, to: e, cover: cover[s] });
    s = e;
  }
  if (runs.length > 1 && runs[0].cover === runs[runs.length - 1].cover) {
    const last = runs.pop()!;
    runs[0] = { from: last.from, to: runs[0].to, cover: last.cover };
  }
  return runs.filter((r) => r.cover === 0 || (r.cover & (r.cover - 1)) !== 0);
}

/** Every overlap and gap of a TOU schedule on the kinds of day it must price, merged across days and months. */
export function scheduleIssues(periods: readonly TouPeriod[], kinds: readonly DayKind[], prefix: string): string[] {
  const byRun = new Map<string, { run: Run; months: Map<DayKind, number[]> }>();
  for (const kind of kinds) {
    for (let month = 1; month <= 12; month++) {
      const cover = coverageBySlot(
        periods.map((p) => p.windows),
        kind,
        month,
      );
      for (const run of problemRuns(cover)) {
        const key = `${run.from}-${run.to}-${run.cover}`;
        const entry = byRun.get(key) ?? { run, months: new Map() };
        entry.months.set(kind, [...(entry.months.get(kind) ?? []), month]);
        byRun.set(key, entry);
      }
    }
  }
  const messages: string[] = [];
  for (const { run, months } of byRun.values()) {
    const byMonths = new Map<string, DayKind[]>();
    for (const [kind, ms] of months) byMonths.set(ms.join(","), [...(byMonths.get(ms.join(",")) ?? []), kind]);
    for (const [ms, dayKinds] of byMonths) {
      const season = describeMonths(ms.split(",").map(Number));
      const when = `${listJoin(dayKinds.map((k) => DAY_KIND_LABEL[k]))} ${slotTime(run.from)}–${slotTime(run.to)}${season ? ` in ${season}` : ""}`;
      if (run.cover === 0) {
        messages.push(`${prefix}${when} ${dayKinds.length > 1 ? "have" : "has"} no rate`);
      } else {
        const names = periods.filter((_, i) => run.cover & (1 << i)).map((p) => p.name);
        messages.push(`${prefix}${listJoin(names)} overlap on ${when}`);
      }
    }
  }
  return messages;
}

/** The kinds of day a plan's schedules must cover. */
function kindsToCover(plan: TariffPlanFields): DayKind[] {
  return plan.holidays.pricedAs === "holiday" ? ["weekday", "weekend", "holiday"] : ["weekday", "weekend"];
}

function duplicateNames(periods: readonly TouPeriod[]): string[] {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const p of periods) (seen.has(p.name.toLowerCase()) ? dupes : seen).add(p.name.toLowerCase());
  return periods.filter((p) => dupes.has(p.name.toLowerCase())).map((p) => p.name);
}

function allWindows(plan: TariffPlanFields): TimeWindow[] {
  const tou = (p?: { kind: string; periods?: TouPeriod[] }) => (p?.kind === "tou" ? (p.periods ?? []) : []);
  return [...tou(plan.import), ...tou(plan.feedIn?.rates)].flatMap((p) => p.windows).concat(plan.demand?.windows ?? []);
}

/** Checks a parsed plan for what zod cannot see: TOU overlaps and gaps, demand windows off the half hour. */
export function validatePlan(plan: TariffPlanFields): TariffValidation {
  const errors: TariffIssue[] = [];
  const warnings: TariffIssue[] = [];
  const kinds = kindsToCover(plan);
  const schedules: Array<[string, string, TouPeriod[] | undefined]> = [
    ["import", "", plan.import?.kind === "tou" ? plan.import.periods : undefined],
    ["feedIn.rates", "Feed-in: ", plan.feedIn?.rates.kind === "tou" ? plan.feedIn.rates.periods : undefined],
  ];
  for (const [path, prefix, periods] of schedules) {
    if (!periods) continue;
    for (const message of scheduleIssues(periods, kinds, prefix)) errors.push({ path, message });
    const dupes = duplicateNames(periods);
    if (dupes.length) errors.push({ path, message: `${prefix}two periods share the name ${dupes[0]}` });
  }
  for (const w of plan.demand?.windows ?? []) {
    if (toMinutes(w.from) % 30 || toMinutes(w.to) % 30) {
      errors.push({
        path: "demand.windows",
        message: `Demand window ${w.from}–${w.to} must start and end on the hour or half hour (demand is measured per half hour)`,
      });
    }
  }
  if (!plan.import) {
    warnings.push({ path: "import", message: "The plan has no import rate, so imported energy costs nothing" });
  }
  if (plan.holidays.pricedAs !== "holiday" && allWindows(plan).some((w) => w.days.includes("holiday"))) {
    warnings.push({
      path: "holidays.pricedAs",
      message: `Windows for public holidays are not used: holidays are priced as ${DAY_KIND_LABEL[plan.holidays.pricedAs]}`,
    });
  }
  if (plan.holidays.pricedAs !== "weekday" && !plan.holidays.region && plan.holidays.extraDates.length === 0) {
    if (plan.import?.kind === "tou" || plan.feedIn?.rates.kind === "tou" || plan.demand) {
      warnings.push({
        path: "holidays.region",
        message: "No public holiday region is set, so public holidays are priced as ordinary days",
      });
    }
  }
  return { errors, warnings };
}
