"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type { SystemSummary } from "@/lib/api/contracts";
import { CUSTOM_CATEGORY, isStandardCategory } from "@/lib/composite/categories";
import type { CompositeDetail } from "@/lib/composite/types";
import { BalanceWarnings, warningsFor } from "./balance-warnings";
import { DroppedSources } from "./dropped-sources";
import { inputClass, PointPicker } from "./point-picker";
import { useCompositeForm } from "./use-composite-form";

export interface CompositeEditorProps {
  /** The composite to edit (from GET /api/composites/[system]); absent to create one. */
  initial?: CompositeDetail;
  /** Called after a successful save; by default the browser goes to the composite's dashboard. */
  onSaved?: (system: SystemSummary) => void;
}

/**
 * Creates or edits a composite: name, alias, time zone, custom categories and the point picker (readable points
 * grouped by system and category). Shows dropped sources, warnings for mappings that cannot balance (a site's grid
 * counted twice, solar without its load) and the server's validation messages.
 */
export function CompositeEditor({ initial, onSaved }: CompositeEditorProps) {
  const router = useRouter();
  const form = useCompositeForm(initial);
  const { state, update } = form;
  const [newCategory, setNewCategory] = useState("");
  const zones = useMemo(
    () => (typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []),
    [],
  );
  const warnings = useMemo(
    () => (form.candidates ? warningsFor(state.assignments, form.candidates.systems) : []),
    [form.candidates, state.assignments],
  );
  const categoryProblem =
    newCategory &&
    (!CUSTOM_CATEGORY.test(newCategory) ||
      isStandardCategory(newCategory) ||
      state.customCategories.includes(newCategory))
      ? "Use a new name of lower-case letters, digits and _, starting with a letter"
      : null;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const saved = await form.save();
    if (!saved) return;
    if (onSaved) onSaved(saved);
    else router.push(`/dashboard/${saved.id}`);
  }

  return (
    <form onSubmit={submit} className="space-y-6" aria-describedby={form.error ? "composite-error" : undefined}>
      {initial && <DroppedSources sources={initial.sources} points={initial.droppedPoints} />}
      <Card>
        <CardHeader>
          <CardTitle as="h2">{initial ? "Composite" : "New composite"}</CardTitle>
          <CardDescription>One view over points of several of your systems, from any vendor.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-3">
          <label className="space-y-1 text-sm font-medium">
            Name
            <input
              className={`${inputClass} w-full`}
              required
              maxLength={100}
              value={state.displayName}
              onChange={(e) => update({ displayName: e.target.value })}
            />
          </label>
          <label className="space-y-1 text-sm font-medium">
            Alias (optional)
            <input
              className={`${inputClass} w-full`}
              pattern="[A-Za-z0-9_]{1,40}"
              value={state.alias}
              onChange={(e) => update({ alias: e.target.value })}
            />
          </label>
          <label className="space-y-1 text-sm font-medium">
            Time zone (local days)
            <input
              className={`${inputClass} w-full`}
              required
              list="composite-zones"
              value={state.displayTimezone}
              onChange={(e) => update({ displayTimezone: e.target.value })}
            />
            <datalist id="composite-zones">
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </label>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Points</CardTitle>
          <CardDescription>
            Pick what feeds solar, battery, load and grid. Points with the same path from different systems all count.
            Give each battery’s capacity to weight state of charge; without it, SoC is a plain average.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <div className="flex flex-wrap items-end gap-2">
            <label className="space-y-1 text-sm font-medium">
              Custom category
              <input
                className={`${inputClass} block w-48`}
                value={newCategory}
                aria-invalid={Boolean(categoryProblem)}
                onChange={(e) => setNewCategory(e.target.value.trim())}
                placeholder="e.g. pool"
              />
            </label>
            <Button
              type="button"
              variant="outline"
              size="sm"
              disabled={!newCategory || Boolean(categoryProblem)}
              onClick={() => {
                update({ customCategories: [...state.customCategories, newCategory] });
                setNewCategory("");
              }}
            >
              Add category
            </Button>
            {state.customCategories.map((c) => (
              <span key={c} className="rounded-full border px-2 py-0.5 text-xs">
                {c}
              </span>
            ))}
            {categoryProblem && <p className="w-full text-xs text-destructive">{categoryProblem}</p>}
          </div>
          {form.loadError && (
            <p role="alert" className="text-sm text-destructive">
              {form.loadError}
            </p>
          )}
          {!form.candidates && !form.loadError && <Skeleton className="h-40 w-full" />}
          {form.candidates && (
            <PointPicker
              systems={form.candidates.systems}
              assignments={state.assignments}
              customCategories={state.customCategories}
              capacitiesKwh={state.capacitiesKwh}
              onAssign={form.assign}
              onCapacity={(key, kwh) => update({ capacitiesKwh: { ...state.capacitiesKwh, [key]: kwh } })}
            />
          )}
        </CardContent>
      </Card>

      <BalanceWarnings warnings={warnings} />
      {form.error && (
        <div
          id="composite-error"
          role="alert"
          className="rounded-lg border border-destructive/50 bg-destructive/10 p-3 text-sm"
        >
          <p className="font-semibold">
            {form.error.issues.length ? "The mapping needs changes:" : form.error.message}
          </p>
          {form.error.issues.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {form.error.issues.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={form.saving || form.mappedCount === 0}>
          {form.saving ? "Saving…" : initial ? "Save composite" : "Create composite"}
        </Button>
        <span className="text-sm text-muted-foreground">{form.mappedCount} points mapped</span>
      </div>
    </form>
  );
}
