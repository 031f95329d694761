"use client";

import { useCallback, useEffect, useState } from "react";
import { ApiClientError, apiJson } from "@/components/setup/api-client";
import { FormError } from "@/components/setup/form-error";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { SystemSummary } from "@/lib/api/contracts";
import type { TariffPreset } from "@/lib/tariffs/presets";
import type { TariffPlan, TariffPlanInput } from "@/lib/tariffs/schema";
import { TariffEditor } from "./tariff-editor";
import { blankForm, planToForm, type TariffForm } from "./tariff-form";
import { describePlan, planFields, planRanges, todayLocal } from "./tariff-view";

type PlanView = TariffPlan & { warnings: string[] };
interface TariffList {
  plans: PlanView[];
  presets: TariffPreset[];
  canWrite: boolean;
}

type Mode =
  | { kind: "list" }
  | { kind: "edit"; form: TariffForm; planId?: number; version?: number; readOnly: boolean; key: number };

/**
 * The Tariff section of a system's settings: its plans with the dates each one prices, and (writers) new plans from a
 * preset or from scratch, edits, removal and copies to another system the caller may edit. Viewers get the same list
 * with a read-only view of each plan.
 */
export function TariffSection({ systemId }: { systemId: number }) {
  const base = `/api/systems/${systemId}/tariffs`;
  const [data, setData] = useState<TariffList | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [mode, setMode] = useState<Mode>({ kind: "list" });
  const [notice, setNotice] = useState<string | null>(null);
  const [start, setStart] = useState("blank");
  const [removing, setRemoving] = useState<PlanView | null>(null);
  const [copying, setCopying] = useState<PlanView | null>(null);

  const load = useCallback(async () => {
    try {
      setData(await apiJson<TariffList>(base));
      setLoadError(null);
    } catch (err) {
      setLoadError(err);
    }
  }, [base]);
  useEffect(() => {
    void load();
  }, [load]);

  if (loadError && !data) return <FormError error={loadError} />;
  if (!data) return <p className="text-sm text-muted-foreground">Loading…</p>;

  const canWrite = data.canWrite;
  const ranges = planRanges(data.plans);
  const open = (m: Omit<Extract<Mode, { kind: "edit" }>, "kind" | "key">) => {
    setNotice(null);
    setMode({ kind: "edit", key: Date.now(), ...m });
  };
  const startNew = () => {
    const today = todayLocal();
    const preset = data.presets.find((p) => p.id === start);
    const form = preset ? planToForm({ ...preset.plan, effectiveFrom: today }) : blankForm(today);
    open({ form, readOnly: false });
  };

  if (mode.kind === "edit") {
    return (
      <section aria-label="Tariff plan" className="space-y-4" data-testid="tariff-editor">
        <h3 className="text-base font-semibold">
          {mode.readOnly ? mode.form.name : mode.planId ? `Edit ${mode.form.name}` : "New tariff plan"}
        </h3>
        <TariffEditor
          key={mode.key}
          systemId={systemId}
          initial={mode.form}
          planId={mode.planId}
          version={mode.version}
          readOnly={mode.readOnly}
          onCancel={() => setMode({ kind: "list" })}
          onSaved={async (plan) => {
            setMode({ kind: "list" });
            setNotice(`Saved ${plan.name}.`);
            await load();
          }}
        />
      </section>
    );
  }

  return (
    <section aria-label="Tariff plans" className="space-y-4">
      {data.plans.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          No tariff plan yet, so costs cannot be worked out.{canWrite ? " Start one below." : ""}
        </p>
      ) : (
        <ul className="divide-y rounded-md border" data-testid="tariff-plans">
          {data.plans.map((plan) => (
            <li key={plan.id} className="space-y-2 p-3" data-testid="tariff-plan">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0 space-y-1">
                  <p className="font-medium" data-testid="tariff-plan-name">
                    {plan.name}
                  </p>
                  <p className="text-sm text-muted-foreground" data-testid="tariff-plan-dates">
                    {ranges.get(plan.id)}
                  </p>
                  <p className="text-sm">{describePlan(plan)}</p>
                  {plan.warnings.length > 0 && (
                    <ul className="list-disc pl-5 text-xs text-muted-foreground">
                      {plan.warnings.map((w) => (
                        <li key={w}>{w}</li>
                      ))}
                    </ul>
                  )}
                </div>
                <div className="flex flex-wrap gap-2">
                  <Button
                    type="button"
                    variant="outline"
                    size="sm"
                    aria-label={`${canWrite ? "Edit" : "View"} ${plan.name}`}
                    onClick={() =>
                      open({
                        form: planToForm(planFields(plan)),
                        planId: plan.id,
                        version: plan.version,
                        readOnly: !canWrite,
                      })
                    }
                  >
                    {canWrite ? "Edit" : "View"}
                  </Button>
                  {canWrite && (
                    <>
                      <Button
                        type="button"
                        variant="outline"
                        size="sm"
                        aria-label={`Copy ${plan.name} to another system`}
                        onClick={() => setCopying(plan)}
                      >
                        Copy
                      </Button>
                      <Button
                        type="button"
                        variant="outline"
                        size="sm"
                        aria-label={`Delete ${plan.name}`}
                        onClick={() => setRemoving(plan)}
                      >
                        Delete
                      </Button>
                    </>
                  )}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      {canWrite ? (
        <div className="flex flex-wrap items-end gap-2">
          <Field id="tariff-start" label="Start a new plan from" className="w-full sm:w-72">
            <Select id="tariff-start" value={start} onChange={(e) => setStart(e.target.value)}>
              <option value="blank">scratch (blank plan)</option>
              {data.presets.map((p) => (
                <option key={p.id} value={p.id}>
                  preset: {p.label}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="button" onClick={startNew} data-testid="new-tariff">
            New plan
          </Button>
          <p className="w-full text-xs text-muted-foreground">
            {data.presets.find((p) => p.id === start)?.description ?? "Every rate starts blank."}
          </p>
        </div>
      ) : (
        <p className="text-sm text-muted-foreground" data-testid="tariff-read-only">
          You can view these plans; the owner and the system&apos;s admins can change them.
        </p>
      )}
      <p role="status" className="text-sm" data-testid="tariff-notice">
        {notice}
      </p>
      <DeleteDialog
        plan={removing}
        base={base}
        onClose={() => setRemoving(null)}
        onDone={async (name) => {
          setRemoving(null);
          setNotice(`Deleted ${name}.`);
          await load();
        }}
      />
      <CopyDialog
        plan={copying}
        systemId={systemId}
        onClose={() => setCopying(null)}
        onDone={(text) => {
          setCopying(null);
          setNotice(text);
        }}
      />
    </section>
  );
}

function DeleteDialog({
  plan,
  base,
  onClose,
  onDone,
}: {
  plan: PlanView | null;
  base: string;
  onClose: () => void;
  onDone: (name: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const remove = async () => {
    if (!plan) return;
    setBusy(true);
    setError(null);
    try {
      await apiJson(`${base}/${plan.id}`, { method: "DELETE" });
      onDone(plan.name);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={plan !== null}
      onClose={() => {
        setError(null);
        onClose();
      }}
      title={`Delete ${plan?.name ?? "plan"}?`}
      description="The days it priced fall to the plan before it (or have no plan, so no cost). This cannot be undone."
    >
      <div className="space-y-4">
        <FormError error={error} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="button"
            variant="destructive"
            disabled={busy}
            onClick={remove}
            data-testid="confirm-delete-tariff"
          >
            {busy ? "Deleting…" : "Delete plan"}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

/** Copies a plan to another system the caller can edit (GET the plan here, POST it there). */
function CopyDialog({
  plan,
  systemId,
  onClose,
  onDone,
}: {
  plan: PlanView | null;
  systemId: number;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const [targets, setTargets] = useState<SystemSummary[] | null>(null);
  const [target, setTarget] = useState("");
  const [from, setFrom] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!plan) return;
    setFrom(plan.effectiveFrom);
    setError(null);
    apiJson<{ systems: SystemSummary[] }>("/api/systems")
      .then((r) => {
        const editable = r.systems.filter((s) => s.id !== systemId && s.role !== "viewer" && s.status !== "removed");
        setTargets(editable);
        setTarget((t) => (editable.some((s) => String(s.id) === t) ? t : String(editable[0]?.id ?? "")));
      })
      .catch(setError);
  }, [plan, systemId]);
  const copy = async () => {
    if (!plan || !target) return;
    setBusy(true);
    setError(null);
    try {
      const input: TariffPlanInput = { ...planFields(plan), effectiveFrom: from };
      await apiJson(`/api/systems/${target}/tariffs`, { method: "POST", body: input });
      const name = targets?.find((s) => String(s.id) === target)?.displayName ?? `system ${target}`;
      onDone(`Copied ${plan.name} to ${name}, starting ${from}.`);
    } catch (err) {
      setError(err instanceof ApiClientError ? err : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={plan !== null}
      onClose={onClose}
      title={`Copy ${plan?.name ?? "plan"}`}
      description="Adds the same plan to another system you can edit."
    >
      <div className="space-y-4">
        {targets && targets.length === 0 ? (
          <p className="text-sm">You cannot edit any other system.</p>
        ) : (
          <>
            <Field id="tariff-copy-target" label="Copy to">
              <Select id="tariff-copy-target" value={target} onChange={(e) => setTarget(e.target.value)}>
                {(targets ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.displayName}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="tariff-copy-from" label="Starts on">
              <Input id="tariff-copy-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            </Field>
          </>
        )}
        <FormError error={error} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button type="button" disabled={busy || !target} onClick={copy} data-testid="confirm-copy-tariff">
            {busy ? "Copying…" : "Copy plan"}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
