import type { FormErrors, PeriodForm, TariffForm } from "./tariff-form";

/*
 * Where the tariff editor shows each problem: issue paths (the form's own, zod's and the API's) mapped to the form's
 * keys, and the set of paths that have a field of their own (the rest go in the summary above Save).
 */

/** An issue path from zod or the API as the form keys it: a list item's index dropped ("holidays.extraDates.2"). */
export function formPath(path: string): string {
  return path.replace(/\.(days|months|extraDates)\.\d+$/, ".$1");
}

/** Adds issues under their form path, keeping the first message per path. */
export function addIssues(errors: FormErrors, issues: ReadonlyArray<{ path: string; message: string }>): FormErrors {
  const out = { ...errors };
  for (const i of issues) out[formPath(i.path)] ??= i.message;
  return out;
}

function windowPaths(prefix: string): string[] {
  return ["days", "from", "to", "months", ""].map((k) => (k ? `${prefix}.${k}` : prefix));
}

function periodPaths(periods: PeriodForm[], prefix: string): string[] {
  return [
    prefix,
    ...periods.flatMap((p, i) => [
      `${prefix}.${i}.name`,
      `${prefix}.${i}.centsPerKwh`,
      `${prefix}.${i}.windows`,
      ...p.windows.flatMap((_, j) => windowPaths(`${prefix}.${i}.windows.${j}`)),
    ]),
  ];
}

/** The error paths the editor shows next to a field for this form (the rest go in the summary above Save). */
export function fieldPaths(form: TariffForm): Set<string> {
  const paths = [
    "name",
    "effectiveFrom",
    "currency",
    "tax.ratePct",
    "billing.startDay",
    "billing.startMonth",
    "holidays.region",
    "holidays.extraDates",
    "holidays.pricedAs",
    "supply.centsPerDay",
    "import",
  ];
  if (form.importKind === "flat") paths.push("import.centsPerKwh");
  if (form.importKind === "tou") paths.push(...periodPaths(form.importPeriods, "import.periods"));
  if (form.importKind === "block") {
    paths.push("import.steps", "import.thenCentsPerKwh");
    form.blockSteps.forEach((_, i) => paths.push(`import.steps.${i}.upToKwh`, `import.steps.${i}.centsPerKwh`));
  }
  if (form.controlledLoad) paths.push("controlledLoad.centsPerKwh", "controlledLoad.supplyCentsPerDay");
  if (form.feedInKind !== "none") paths.push("feedIn.rates");
  if (form.feedInKind === "flat") paths.push("feedIn.rates.centsPerKwh");
  if (form.feedInKind === "tou") paths.push(...periodPaths(form.feedInPeriods, "feedIn.rates.periods"));
  if (form.feedInKind !== "none" && form.feedInCap)
    paths.push("feedIn.dailyCap.kwh", "feedIn.dailyCap.aboveCentsPerKwh");
  if (form.demand) {
    paths.push("demand.centsPerKw", "demand.windows");
    form.demandWindows.forEach((_, j) => paths.push(...windowPaths(`demand.windows.${j}`)));
  }
  return new Set(paths);
}
