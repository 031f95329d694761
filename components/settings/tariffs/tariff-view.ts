import type { TariffPlan, TariffPlanFields, TariffPlanInput } from "@/lib/tariffs/schema";

/** The plan as the API takes it: identity, version and warnings dropped (to copy it to another system). */
export function planFields(plan: TariffPlan & { warnings?: string[] }): TariffPlanInput {
  const { id: _id, systemId: _s, version: _v, createdAtMs: _c, updatedAtMs: _u, warnings: _w, ...fields } = plan;
  return fields;
}

/** The day before an ISO day. */
function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Each plan's dates as a person reads them: "From 2024-01-01 to 2025-06-30", "From 2025-07-01 on". */
export function planRanges(plans: ReadonlyArray<Pick<TariffPlan, "id" | "effectiveFrom">>): Map<number, string> {
  const sorted = [...plans].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return new Map(
    sorted.map((p, i) => {
      const next = sorted[i + 1];
      return [
        p.id,
        next ? `From ${p.effectiveFrom} to ${dayBefore(next.effectiveFrom)}` : `From ${p.effectiveFrom} on`,
      ];
    }),
  );
}

const c = (n: number) => `${Number(n.toFixed(4))} c`;

/** One line about a plan's prices: "Time of use: Peak 45 c, Off-peak 18 c per kWh · supply 115 c/day · feed-in 5 c/kWh". */
export function describePlan(plan: TariffPlanFields): string {
  const parts: string[] = [];
  const imp = plan.import;
  if (!imp) parts.push("No import rate");
  else if (imp.kind === "flat") parts.push(`Single rate ${c(imp.centsPerKwh)}/kWh`);
  else if (imp.kind === "dynamic") parts.push("Dynamic prices");
  else if (imp.kind === "tou")
    parts.push(`Time of use: ${imp.periods.map((p) => `${p.name} ${c(p.centsPerKwh)}`).join(", ")} per kWh`);
  else
    parts.push(
      `Stepped per ${imp.basis === "day" ? "day" : "billing period"}: ${imp.steps
        .map((s) => `to ${s.upToKwh} kWh ${c(s.centsPerKwh)}`)
        .join(", ")}, then ${c(imp.thenCentsPerKwh)} per kWh`,
    );
  if (plan.supply) parts.push(`supply ${c(plan.supply.centsPerDay)}/day`);
  if (plan.controlledLoad) parts.push(`controlled load ${c(plan.controlledLoad.centsPerKwh)}/kWh`);
  const fi = plan.feedIn;
  if (fi) {
    const rate =
      fi.rates.kind === "flat"
        ? `${c(fi.rates.centsPerKwh)}/kWh`
        : fi.rates.kind === "tou"
          ? "by time of use"
          : "dynamic";
    parts.push(`feed-in ${rate}${fi.dailyCap ? ` (first ${fi.dailyCap.kwh} kWh a day)` : ""}`);
  }
  if (plan.demand) parts.push(`demand ${c(plan.demand.centsPerKw)}/kW`);
  if (!plan.tax.included) parts.push(`plus ${plan.tax.ratePct}% tax`);
  if (plan.currency !== "AUD") parts.push(plan.currency);
  return parts.join(" · ");
}

/** Today in the browser's zone, YYYY-MM-DD. */
export function todayLocal(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
