import {
  DEFAULT_NAMES,
  RULE_KINDS,
  SEVERITIES,
  type AlertRule,
  type RuleKind,
  type Severity,
} from "@/lib/alerts/rules";

/** A rule as GET /api/systems/{system}/alert-rules returns it (what the form reads of it). */
export type RuleView = Omit<AlertRule, "systemId" | "pendingSinceMs" | "createdAtMs" | "updatedAtMs">;

/** One editable parameter of a kind: a number (with its unit), a choice, a point of the system, or money. */
export interface ParamField {
  key: string;
  label: string;
  type: "number" | "choice" | "point" | "money";
  unit?: string;
  options?: Array<{ value: string; label: string }>;
  /** The value a new rule starts with ("" for none). */
  initial: string;
  help?: string;
}

const forMinutes = (initial: string): ParamField => ({
  key: "forMinutes",
  label: "Held for",
  type: "number",
  unit: "minutes",
  initial,
  help: "How long the condition must hold before the alert is raised (0: at once).",
});

/** Every kind: its label, what it watches, and its parameters (the API checks them again). */
export const KIND_INFO: Record<RuleKind, { label: string; about: string; fields: ParamField[] }> = {
  threshold: {
    label: "Threshold",
    about: "A point's value above, below or equal to a limit.",
    fields: [
      { key: "pointId", label: "Point", type: "point", initial: "" },
      {
        key: "op",
        label: "Condition",
        type: "choice",
        options: [
          { value: "above", label: "above" },
          { value: "below", label: "below" },
          { value: "equal", label: "equal to" },
        ],
        initial: "above",
      },
      { key: "value", label: "Limit", type: "number", initial: "", help: "In the point's own unit (W, Wh, %…)." },
      forMinutes("0"),
    ],
  },
  battery_low: {
    label: "Battery low",
    about: "The battery's charge below a level.",
    fields: [{ key: "belowPercent", label: "Below", type: "number", unit: "%", initial: "15" }, forMinutes("10")],
  },
  fault_code: { label: "Inverter fault", about: "The vendor reports a fault code.", fields: [] },
  grid_outage: {
    label: "Grid outage",
    about: "The site reports it is off the grid (islanded).",
    fields: [forMinutes("1")],
  },
  counter_reset: {
    label: "Counter reset",
    about: "An energy counter stepped backwards (a meter replaced, a rollover).",
    fields: [],
  },
  offline: {
    label: "System offline",
    about: "No new data for a while (aware of the vendor's night schedule and maintenance windows).",
    fields: [{ key: "afterMinutes", label: "After", type: "number", unit: "minutes", initial: "60" }],
  },
  vendor_errors: {
    label: "Vendor errors",
    about: "Polls of the vendor failing in a row.",
    fields: [{ key: "streak", label: "Failed polls in a row", type: "number", initial: "5" }],
  },
  production_drop: {
    label: "Production drop",
    about: "Solar well below what the sun predicts, or below the same half hour of recent days (never at dusk).",
    fields: [
      { key: "belowPercent", label: "Below clear-sky", type: "number", unit: "%", initial: "10" },
      forMinutes("60"),
      { key: "recentDays", label: "Recent days compared", type: "number", unit: "days", initial: "7", help: "0: off." },
      { key: "belowRecentPercent", label: "Below recent median", type: "number", unit: "%", initial: "50" },
    ],
  },
  cost_over_budget: {
    label: "Cost over budget",
    about: "The net electricity cost of the day or month above a budget (unknown cost never alerts).",
    fields: [
      {
        key: "period",
        label: "Period",
        type: "choice",
        options: [
          { value: "day", label: "day" },
          { value: "month", label: "month" },
        ],
        initial: "day",
      },
      { key: "budgetCents", label: "Budget", type: "money", initial: "", help: "In the tariff's currency, e.g. 5.50." },
    ],
  },
};

export const KINDS = RULE_KINDS;
export { SEVERITIES };

/** What the rule editor holds: text as typed, turned into the API's body by formToBody. */
export interface RuleForm {
  kind: RuleKind;
  name: string;
  severity: Severity;
  enabled: boolean;
  cooldownMinutes: string;
  escalateAfterMinutes: string;
  params: Record<string, string>;
}

const SEVERITY_OF_NEW: Partial<Record<RuleKind, Severity>> = {
  counter_reset: "info",
  fault_code: "critical",
  offline: "critical",
  grid_outage: "critical",
};

export function blankRuleForm(kind: RuleKind): RuleForm {
  return {
    kind,
    name: DEFAULT_NAMES[kind],
    severity: SEVERITY_OF_NEW[kind] ?? "warning",
    enabled: true,
    cooldownMinutes: "30",
    escalateAfterMinutes: "",
    params: Object.fromEntries(KIND_INFO[kind].fields.map((f) => [f.key, f.initial])),
  };
}

const fieldText = (f: ParamField, v: unknown): string => {
  if (v === undefined || v === null) return f.initial;
  if (f.type === "money" && typeof v === "number") return (v / 100).toFixed(2);
  return String(v);
};

export function ruleToForm(rule: RuleView): RuleForm {
  return {
    kind: rule.kind,
    name: rule.name,
    severity: rule.severity,
    enabled: rule.enabled,
    cooldownMinutes: String(Math.round(rule.cooldownMs / 60_000)),
    escalateAfterMinutes: rule.escalateAfterMs === null ? "" : String(Math.round(rule.escalateAfterMs / 60_000)),
    params: Object.fromEntries(KIND_INFO[rule.kind].fields.map((f) => [f.key, fieldText(f, rule.params[f.key])])),
  };
}

export type RuleBody = {
  kind: RuleKind;
  name: string;
  severity: Severity;
  enabled: boolean;
  cooldownMinutes: number;
  escalateAfterMinutes: number | null;
  params: Record<string, string | number>;
};

/** A number as typed ("1,5" is 1.5); null when it is not one. */
function numberOf(text: string): number | null {
  const t = text.trim().replace(",", ".");
  if (t === "" || !/^-?\d*\.?\d+$/.test(t)) return null;
  return Number(t);
}

/**
 * The API body of a form, or the problems in words keyed by field (`name`, `cooldownMinutes`,
 * `escalateAfterMinutes`, or a parameter's key). The API checks ranges again; this catches what is not a number.
 */
export function formToBody(form: RuleForm): { body: RuleBody } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!form.name.trim()) errors.name = "Give the rule a name.";
  const cooldown = numberOf(form.cooldownMinutes);
  if (cooldown === null || !Number.isInteger(cooldown) || cooldown < 0)
    errors.cooldownMinutes = "Cooldown must be whole minutes (0 or more).";
  let escalate: number | null = null;
  if (form.escalateAfterMinutes.trim() !== "") {
    escalate = numberOf(form.escalateAfterMinutes);
    if (escalate === null || !Number.isInteger(escalate) || escalate < 1) {
      errors.escalateAfterMinutes = "Escalation must be whole minutes (1 or more), or empty for none.";
    }
  }
  const params: Record<string, string | number> = {};
  for (const f of KIND_INFO[form.kind].fields) {
    const text = (form.params[f.key] ?? "").trim();
    if (f.type === "choice") {
      params[f.key] = text || f.initial;
    } else if (f.type === "point") {
      const id = numberOf(text);
      if (id === null || !Number.isInteger(id) || id <= 0) errors[f.key] = "Choose a point.";
      else params[f.key] = id;
    } else if (f.type === "money") {
      const amount = numberOf(text);
      if (amount === null || amount < 0) errors[f.key] = `${f.label} must be an amount such as 5.50.`;
      else params[f.key] = Math.round(amount * 100);
    } else {
      const n = numberOf(text);
      if (n === null) errors[f.key] = `${f.label} must be a number${f.unit ? ` (${f.unit})` : ""}.`;
      else params[f.key] = n;
    }
  }
  if (Object.keys(errors).length) return { errors };
  return {
    body: {
      kind: form.kind,
      name: form.name.trim(),
      severity: form.severity,
      enabled: form.enabled,
      cooldownMinutes: cooldown!,
      escalateAfterMinutes: escalate,
      params,
    },
  };
}

const OP_TEXT: Record<string, string> = { above: "above", below: "below", equal: "equal to" };
const held = (m: unknown) => (typeof m === "number" && m > 0 ? ` for ${m} min` : "");

/** The rule's condition in words, for the list (`pointName` names a threshold's point; unknown shows "—"). */
export function describeCondition(rule: Pick<RuleView, "kind" | "params">, pointName?: (id: number) => string) {
  const p = rule.params as Record<string, unknown>;
  switch (rule.kind) {
    case "threshold": {
      const name = typeof p.pointId === "number" ? (pointName?.(p.pointId) ?? `point ${p.pointId}`) : "—";
      return `${name} ${OP_TEXT[String(p.op)] ?? String(p.op)} ${String(p.value ?? "—")}${held(p.forMinutes)}`;
    }
    case "battery_low":
      return `Battery below ${String(p.belowPercent ?? 15)} %${held(p.forMinutes ?? 10)}`;
    case "fault_code":
      return "The vendor reports a fault code";
    case "grid_outage":
      return `Off the grid${held(p.forMinutes ?? 1)}`;
    case "counter_reset":
      return "An energy counter steps backwards";
    case "offline":
      return `No new data for ${String(p.afterMinutes ?? 60)} min`;
    case "vendor_errors":
      return `${String(p.streak ?? 5)} failed polls in a row`;
    case "production_drop": {
      const days = typeof p.recentDays === "number" ? p.recentDays : 7;
      const recent = days > 0 ? `, or below ${String(p.belowRecentPercent ?? 50)} % of the last ${days} days` : "";
      return `Solar below ${String(p.belowPercent ?? 10)} % of clear sky${recent}${held(p.forMinutes ?? 60)}`;
    }
    case "cost_over_budget":
      return `Net cost of the ${p.period === "month" ? "month" : "day"} above ${
        typeof p.budgetCents === "number" ? (p.budgetCents / 100).toFixed(2) : "—"
      }`;
  }
}
