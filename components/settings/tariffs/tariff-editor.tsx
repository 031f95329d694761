"use client";

import { useRef, useState } from "react";
import { Plus, Trash2 } from "lucide-react";
import { ApiClientError, apiJson } from "@/components/setup/api-client";
import { Button } from "@/components/ui/button";
import type { TariffPlan } from "@/lib/tariffs/schema";
import { BillingSection, ControlledLoadSection, DemandSection, Section } from "./tariff-charge-sections";
import { CheckField, GroupError, PeriodList, ReadOnlyContext, SelectField, TextField } from "./tariff-fields";
import { checkForm, type FormErrors, type TariffForm } from "./tariff-form";
import { addIssues, fieldPaths } from "./tariff-form-paths";

const IMPORT_KINDS = [
  ["none", "No import rate"],
  ["flat", "Single rate (flat)"],
  ["tou", "Time of use"],
  ["block", "Stepped (block)"],
  ["dynamic", "Dynamic prices from the retailer"],
] as const;

const FEED_IN_KINDS = [
  ["none", "No feed-in tariff"],
  ["flat", "Single rate (flat)"],
  ["tou", "Time of use"],
  ["dynamic", "Dynamic prices from the retailer"],
] as const;

/**
 * Creates or edits one tariff plan. Problems are shown next to their fields, checked here first (the same rules as
 * the API: unreadable numbers, overlapping or uncovered time-of-use windows) and again from the API's 400.
 * `readOnly` shows the same form disabled, for viewers.
 */
export function TariffEditor({
  systemId,
  initial,
  planId,
  version,
  readOnly = false,
  onSaved,
  onCancel,
}: {
  systemId: number;
  initial: TariffForm;
  planId?: number;
  version?: number;
  readOnly?: boolean;
  onSaved?: (plan: TariffPlan) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  const [serverMessage, setServerMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const checked = checkForm(form);
  const errors: FormErrors = { ...(submitted ? checked.errors : {}), ...serverErrors };
  const placed = fieldPaths(form);
  const unplaced = Object.entries(errors).filter(([path]) => !placed.has(path));
  const count = Object.keys(errors).length;

  const update = (patch: Partial<TariffForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setServerErrors({});
    setServerMessage(null);
  };

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (readOnly) return;
    setSubmitted(true);
    setServerErrors({});
    setServerMessage(null);
    if (Object.keys(checked.errors).length) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setBusy(true);
    try {
      const base = `/api/systems/${systemId}/tariffs`;
      const res = planId
        ? await apiJson<{ plan: TariffPlan }>(`${base}/${planId}`, {
            method: "PUT",
            body: { ...checked.input, ...(version ? { version } : {}) },
          })
        : await apiJson<{ plan: TariffPlan }>(base, { method: "POST", body: checked.input });
      onSaved?.(res.plan);
    } catch (err) {
      if (err instanceof ApiClientError) {
        setServerErrors(addIssues({}, err.issues));
        setServerMessage(err.message);
      } else setServerMessage(String(err));
      requestAnimationFrame(() => summaryRef.current?.focus());
    } finally {
      setBusy(false);
    }
  }

  const common = { errors };
  return (
    <form onSubmit={save} noValidate className="space-y-6" aria-label={planId ? "Edit tariff plan" : "New tariff plan"}>
      <ReadOnlyContext.Provider value={readOnly}>
        <fieldset disabled={readOnly} className="min-w-0 space-y-6">
          <Section title="Plan">
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField
                path="name"
                label="Plan name"
                value={form.name}
                onChange={(name) => update({ name })}
                {...common}
              />
              <TextField
                path="effectiveFrom"
                label="Starts on"
                type="date"
                help="Days before this date keep the plan they were on."
                value={form.effectiveFrom}
                onChange={(effectiveFrom) => update({ effectiveFrom })}
                {...common}
              />
              <TextField
                path="currency"
                label="Currency"
                help="ISO code; rates are in its cents."
                value={form.currency}
                onChange={(currency) => update({ currency })}
                {...common}
              />
              <TextField
                path="supply.centsPerDay"
                label="Daily supply charge (c/day)"
                help="Blank for none."
                inputMode="decimal"
                value={form.supply}
                onChange={(supply) => update({ supply })}
                {...common}
              />
            </div>
          </Section>

          <Section title="Import (usage)">
            <SelectField
              path="importKind"
              label="How imported energy is priced"
              className="sm:max-w-sm"
              options={IMPORT_KINDS}
              value={form.importKind}
              onChange={(importKind) => update({ importKind })}
              {...common}
            />
            <GroupError path="import" {...common} />
            {form.importKind === "flat" && (
              <TextField
                path="import.centsPerKwh"
                label="Rate (c/kWh)"
                className="sm:max-w-xs"
                inputMode="decimal"
                value={form.importFlat}
                onChange={(importFlat) => update({ importFlat })}
                {...common}
              />
            )}
            {form.importKind === "tou" && (
              <PeriodList
                path="import.periods"
                periods={form.importPeriods}
                onChange={(importPeriods) => update({ importPeriods })}
                {...common}
              />
            )}
            {form.importKind === "block" && (
              <div className="space-y-3">
                <SelectField
                  path="import.basis"
                  label="Steps count energy per"
                  className="sm:max-w-xs"
                  options={[
                    ["day", "day"],
                    ["billingPeriod", "billing period"],
                  ]}
                  value={form.blockBasis}
                  onChange={(blockBasis) => update({ blockBasis })}
                  {...common}
                />
                {form.blockSteps.map((s, i) => (
                  <div key={i} className="grid grid-cols-2 items-end gap-3 sm:grid-cols-[10rem_10rem_auto]">
                    <TextField
                      path={`import.steps.${i}.upToKwh`}
                      label={`Step ${i + 1}: first (kWh)`}
                      inputMode="decimal"
                      value={s.upToKwh}
                      onChange={(upToKwh) =>
                        update({ blockSteps: form.blockSteps.map((x, k) => (k === i ? { ...x, upToKwh } : x)) })
                      }
                      {...common}
                    />
                    <TextField
                      path={`import.steps.${i}.centsPerKwh`}
                      label={`Step ${i + 1} rate (c/kWh)`}
                      inputMode="decimal"
                      value={s.rate}
                      onChange={(rate) =>
                        update({ blockSteps: form.blockSteps.map((x, k) => (k === i ? { ...x, rate } : x)) })
                      }
                      {...common}
                    />
                    {form.blockSteps.length > 1 && !readOnly && (
                      <Button
                        type="button"
                        variant="ghost"
                        size="sm"
                        onClick={() => update({ blockSteps: form.blockSteps.filter((_, k) => k !== i) })}
                      >
                        <Trash2 aria-hidden="true" /> Remove step {i + 1}
                      </Button>
                    )}
                  </div>
                ))}
                <GroupError path="import.steps" {...common} />
                {!readOnly && (
                  <Button
                    type="button"
                    variant="outline"
                    size="sm"
                    onClick={() => update({ blockSteps: [...form.blockSteps, { upToKwh: "", rate: "" }] })}
                  >
                    <Plus aria-hidden="true" /> Add step
                  </Button>
                )}
                <TextField
                  path="import.thenCentsPerKwh"
                  label="Above the last step (c/kWh)"
                  className="sm:max-w-xs"
                  inputMode="decimal"
                  value={form.blockThen}
                  onChange={(blockThen) => update({ blockThen })}
                  {...common}
                />
              </div>
            )}
            {form.importKind === "dynamic" && (
              <p className="text-sm text-muted-foreground">
                Each interval is priced at the retailer&apos;s own price for it; the supply charge and tax settings
                still apply.
              </p>
            )}
          </Section>

          <Section title="Feed-in (export credit)">
            <SelectField
              path="feedInKind"
              label="How exported energy is paid"
              className="sm:max-w-sm"
              options={FEED_IN_KINDS}
              value={form.feedInKind}
              onChange={(feedInKind) => update({ feedInKind })}
              {...common}
            />
            <GroupError path="feedIn.rates" {...common} />
            {form.feedInKind === "flat" && (
              <TextField
                path="feedIn.rates.centsPerKwh"
                label="Feed-in rate (c/kWh)"
                className="sm:max-w-xs"
                inputMode="decimal"
                value={form.feedInFlat}
                onChange={(feedInFlat) => update({ feedInFlat })}
                {...common}
              />
            )}
            {form.feedInKind === "tou" && (
              <PeriodList
                path="feedIn.rates.periods"
                periods={form.feedInPeriods}
                onChange={(feedInPeriods) => update({ feedInPeriods })}
                {...common}
              />
            )}
            {form.feedInKind !== "none" && (
              <>
                <CheckField
                  id="tariff-feedIn-cap"
                  label="Daily cap: only the first kWh each day earn this rate"
                  checked={form.feedInCap}
                  onChange={(feedInCap) => update({ feedInCap })}
                />
                {form.feedInCap && (
                  <div className="grid gap-4 sm:grid-cols-2">
                    <TextField
                      path="feedIn.dailyCap.kwh"
                      label="First kWh each day"
                      inputMode="decimal"
                      value={form.capKwh}
                      onChange={(capKwh) => update({ capKwh })}
                      {...common}
                    />
                    <TextField
                      path="feedIn.dailyCap.aboveCentsPerKwh"
                      label="Rate above the cap (c/kWh)"
                      inputMode="decimal"
                      value={form.capAbove}
                      onChange={(capAbove) => update({ capAbove })}
                      {...common}
                    />
                  </div>
                )}
              </>
            )}
          </Section>

          <ControlledLoadSection form={form} update={update} errors={errors} />

          <DemandSection form={form} update={update} errors={errors} />

          <BillingSection form={form} update={update} errors={errors} />
        </fieldset>
      </ReadOnlyContext.Provider>

      <div
        ref={summaryRef}
        tabIndex={-1}
        className="space-y-2 outline-none"
        data-testid="tariff-errors"
        aria-live="polite"
      >
        {(count > 0 || serverMessage) && (
          <div className="rounded-md border border-destructive/50 bg-destructive/5 p-3 text-sm" role="alert">
            <p className="font-medium">
              {serverMessage ??
                `The plan cannot be saved yet: ${count} problem${count === 1 ? "" : "s"}, shown next to the fields.`}
            </p>
            {unplaced.length > 0 && (
              <ul className="mt-1 list-disc pl-5">
                {unplaced.map(([path, message]) => (
                  <li key={path}>{path ? `${path}: ${message}` : message}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {!readOnly && checked.warnings.length > 0 && (
          <ul className="list-disc pl-5 text-sm text-muted-foreground" aria-label="Warnings">
            {checked.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
      </div>

      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="outline" onClick={onCancel}>
          {readOnly ? "Close" : "Cancel"}
        </Button>
        {!readOnly && (
          <Button type="submit" disabled={busy} data-testid="save-tariff">
            {busy ? "Saving…" : "Save plan"}
          </Button>
        )}
      </div>
    </form>
  );
}
