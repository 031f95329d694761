import { ruleInputSchema, RULE_KINDS } from "@/lib/alerts/rules";
import {
  blankRuleForm,
  describeCondition,
  formToBody,
  ruleToForm,
  type RuleForm,
  type RuleView,
} from "@/components/alerts/rule-form";

const form = (kind: RuleForm["kind"], params: Record<string, string>, extra: Partial<RuleForm> = {}): RuleForm => ({
  ...blankRuleForm(kind),
  params: { ...blankRuleForm(kind).params, ...params },
  ...extra,
});

describe("rule form", () => {
  it.each([
    {
      name: "threshold",
      f: form("threshold", { pointId: "7", op: "below", value: "1,5", forMinutes: "10" }),
      params: { pointId: 7, op: "below", value: 1.5, forMinutes: 10 },
    },
    { name: "battery low", f: form("battery_low", {}), params: { belowPercent: 15, forMinutes: 10 } },
    { name: "fault code", f: form("fault_code", {}), params: {} },
    { name: "grid outage", f: form("grid_outage", { forMinutes: "5" }), params: { forMinutes: 5 } },
    {
      name: "cost budget in money",
      f: form("cost_over_budget", { period: "month", budgetCents: "120.50" }),
      params: { period: "month", budgetCents: 12050 },
    },
    {
      name: "production drop",
      f: form("production_drop", { recentDays: "0" }),
      params: { belowPercent: 10, forMinutes: 60, recentDays: 0, belowRecentPercent: 50 },
    },
  ])("$name: the body carries typed params the API accepts", ({ f, params }) => {
    const out = formToBody(f);
    if (!("body" in out)) throw new Error(JSON.stringify(out.errors));
    expect(out.body.params).toEqual(params);
    expect(ruleInputSchema.safeParse(out.body).success).toBe(true);
  });

  it.each([
    {
      name: "a threshold without a point",
      f: form("threshold", { value: "3" }),
      field: "pointId",
      says: "Choose a point.",
    },
    {
      name: "a limit that is not a number",
      f: form("threshold", { pointId: "1", value: "lots" }),
      field: "value",
      says: "Limit must be a number.",
    },
    {
      name: "an empty budget",
      f: form("cost_over_budget", {}),
      field: "budgetCents",
      says: "Budget must be an amount such as 5.50.",
    },
    { name: "an empty name", f: form("offline", {}, { name: "  " }), field: "name", says: "Give the rule a name." },
    {
      name: "fractional cooldown",
      f: form("offline", {}, { cooldownMinutes: "1.5" }),
      field: "cooldownMinutes",
      says: "Cooldown must be whole minutes (0 or more).",
    },
    {
      name: "escalation of 0",
      f: form("offline", {}, { escalateAfterMinutes: "0" }),
      field: "escalateAfterMinutes",
      says: "Escalation must be whole minutes (1 or more), or empty for none.",
    },
  ])("$name is refused in words", ({ f, field, says }) => {
    const out = formToBody(f);
    expect("errors" in out && out.errors[field]).toBe(says);
  });

  it("every kind's blank form (with its required fields filled) is accepted by the API schema", () => {
    for (const kind of RULE_KINDS) {
      const f = blankRuleForm(kind);
      if (kind === "threshold") Object.assign(f.params, { pointId: "3", value: "100" });
      if (kind === "cost_over_budget") f.params.budgetCents = "5";
      const out = formToBody(f);
      expect("body" in out && ruleInputSchema.safeParse(out.body).success).toBe(true);
    }
  });

  it("a stored rule round-trips through the form (minutes, money, empty escalation)", () => {
    const rule: RuleView = {
      id: 1,
      kind: "cost_over_budget",
      name: "Budget",
      params: { period: "day", budgetCents: 550 },
      severity: "info",
      cooldownMs: 3_600_000,
      escalateAfterMs: null,
      enabled: false,
      isDefault: false,
    };
    const f = ruleToForm(rule);
    expect(f).toMatchObject({ cooldownMinutes: "60", escalateAfterMinutes: "", params: { budgetCents: "5.50" } });
    const out = formToBody(f);
    expect("body" in out && out.body).toMatchObject({
      enabled: false,
      cooldownMinutes: 60,
      params: { budgetCents: 550 },
    });
  });

  it.each([
    {
      kind: "threshold",
      params: { pointId: 4, op: "above", value: 5000, forMinutes: 2 },
      text: "Grid power above 5000 for 2 min",
    },
    { kind: "offline", params: { afterMinutes: 60 }, text: "No new data for 60 min" },
    {
      kind: "production_drop",
      params: { belowPercent: 10, forMinutes: 60, recentDays: 0 },
      text: "Solar below 10 % of clear sky for 60 min",
    },
    {
      kind: "cost_over_budget",
      params: { period: "month", budgetCents: 12345 },
      text: "Net cost of the month above 123.45",
    },
    { kind: "grid_outage", params: {}, text: "Off the grid for 1 min" },
  ] as const)("describes $kind in words", ({ kind, params, text }) => {
    expect(describeCondition({ kind, params }, () => "Grid power")).toBe(text);
  });
});
