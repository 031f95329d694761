"use client";

import { useState } from "react";
import { apiJson, issueFor } from "@/components/setup/api-client";
import { FormError } from "@/components/setup/form-error";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { PointSettings } from "@/lib/systems/contracts";
import { formToBody, KIND_INFO, SEVERITIES, type ParamField, type RuleForm } from "./rule-form";

/**
 * Adds or changes one alert rule: its kind's parameters, severity, cooldown and escalation. Problems are shown in
 * words under their field (a number typed wrong here, a range the API refuses there).
 */
export function RuleEditor({
  systemId,
  ruleId,
  initial,
  points,
  onDone,
  onCancel,
}: {
  systemId: number;
  /** The rule changed; a new rule when absent. */
  ruleId?: number;
  initial: RuleForm;
  points: PointSettings[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [apiError, setApiError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const info = KIND_INFO[form.kind];
  const idOf = (key: string) => `rule-${ruleId ?? "new"}-${key}`;
  const errorOf = (key: string, path = key) => errors[key] ?? issueFor(apiError, path);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const parsed = formToBody(form);
    setApiError(null);
    if ("errors" in parsed) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    setPending(true);
    try {
      const base = `/api/systems/${systemId}/alert-rules`;
      if (ruleId === undefined) await apiJson(base, { method: "POST", body: parsed.body });
      else {
        const { kind: _kind, ...patch } = parsed.body;
        await apiJson(`${base}/${ruleId}`, { method: "PATCH", body: patch });
      }
      onDone();
    } catch (err) {
      setApiError(err);
    } finally {
      setPending(false);
    }
  }

  const control = (f: ParamField) => {
    const id = idOf(f.key);
    const value = form.params[f.key] ?? "";
    const set = (v: string) => setForm({ ...form, params: { ...form.params, [f.key]: v } });
    const error = errorOf(f.key);
    const aria = { id, "aria-invalid": error ? true : undefined, "aria-describedby": `${id}-help ${id}-error` };
    if (f.type === "choice" || f.type === "point") {
      return (
        <Select {...aria} value={value} onChange={(e) => set(e.target.value)}>
          {f.type === "point" && <option value="">Choose a point…</option>}
          {f.type === "point"
            ? points.map((p) => (
                <option key={p.id} value={String(p.id)}>
                  {p.displayName}
                  {p.unit ? ` (${p.unit})` : ""}
                </option>
              ))
            : f.options!.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
        </Select>
      );
    }
    return <Input {...aria} inputMode="decimal" value={value} onChange={(e) => set(e.target.value)} />;
  };

  return (
    <form onSubmit={save} className="space-y-4 rounded-md border p-4" data-testid="rule-editor" noValidate>
      <p className="text-sm text-muted-foreground">
        <span className="font-medium text-foreground">{info.label}:</span> {info.about}
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={idOf("name")} label="Name" error={errorOf("name")}>
          <Input
            id={idOf("name")}
            value={form.name}
            maxLength={80}
            aria-invalid={errorOf("name") ? true : undefined}
            aria-describedby={`${idOf("name")}-error`}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        </Field>
        <Field id={idOf("severity")} label="Severity">
          <Select
            id={idOf("severity")}
            value={form.severity}
            onChange={(e) => setForm({ ...form, severity: e.target.value as RuleForm["severity"] })}
          >
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </Field>
        {info.fields.map((f) => (
          <Field
            key={f.key}
            id={idOf(f.key)}
            label={f.unit ? `${f.label} (${f.unit})` : f.label}
            help={f.help}
            error={errorOf(f.key)}
          >
            {control(f)}
          </Field>
        ))}
        <Field
          id={idOf("cooldown")}
          label="Cooldown (minutes)"
          help="After a resolution, the rule waits this long before raising again."
          error={errorOf("cooldownMinutes")}
        >
          <Input
            id={idOf("cooldown")}
            inputMode="numeric"
            value={form.cooldownMinutes}
            aria-invalid={errorOf("cooldownMinutes") ? true : undefined}
            aria-describedby={`${idOf("cooldown")}-help ${idOf("cooldown")}-error`}
            onChange={(e) => setForm({ ...form, cooldownMinutes: e.target.value })}
          />
        </Field>
        <Field
          id={idOf("escalate")}
          label="Escalate after (minutes)"
          help="Unacknowledged this long: sent to the system's owners and admins too. Empty: never."
          error={errorOf("escalateAfterMinutes")}
        >
          <Input
            id={idOf("escalate")}
            inputMode="numeric"
            value={form.escalateAfterMinutes}
            aria-invalid={errorOf("escalateAfterMinutes") ? true : undefined}
            aria-describedby={`${idOf("escalate")}-help ${idOf("escalate")}-error`}
            onChange={(e) => setForm({ ...form, escalateAfterMinutes: e.target.value })}
          />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(e) => setForm({ ...form, enabled: e.target.checked })}
        />
        Rule on
      </label>
      <FormError error={apiError} />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : ruleId === undefined ? "Add rule" : "Save rule"}
        </Button>
        <Button type="button" variant="outline" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
