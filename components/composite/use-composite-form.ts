"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import type { SystemSummary } from "@/lib/api/contracts";
import { capacityKey } from "@/lib/composite/categories";
import type { CandidatesResponse, CompositeDetail, CompositeMappings } from "@/lib/composite/types";

/** `<systemId>:<pointId>` → category name. */
export type Assignments = Record<string, string>;

export interface CompositeFormState {
  displayName: string;
  alias: string;
  displayTimezone: string;
  assignments: Assignments;
  customCategories: string[];
  /** Same keys as assignments, kWh as typed (converted to Wh on save). */
  capacitiesKwh: Record<string, string>;
}

function initialState(initial: CompositeDetail | undefined, zone: string): CompositeFormState {
  const assignments: Assignments = {};
  for (const [category, refs] of Object.entries(initial?.mappings ?? {})) {
    for (const r of refs) if (r.status === "ok") assignments[capacityKey(r.systemId, r.pointId)] = category;
  }
  const standard = ["solar", "battery", "load", "grid"];
  const capacitiesKwh: Record<string, string> = {};
  for (const [k, wh] of Object.entries(initial?.metadata.capacities ?? {})) capacitiesKwh[k] = String(wh / 1000);
  return {
    displayName: initial?.system.displayName ?? "",
    alias: initial?.system.alias ?? "",
    displayTimezone: initial?.system.displayTimezone ?? zone,
    assignments,
    customCategories: Object.keys(initial?.mappings ?? {}).filter((c) => !standard.includes(c)),
    capacitiesKwh,
  };
}

/** The request body for POST / PATCH from the form (dropped points are not sent: they would be refused). */
export function toRequestBody(s: CompositeFormState) {
  const mappings: CompositeMappings = {};
  for (const [k, category] of Object.entries(s.assignments)) {
    const [systemId, pointId] = k.split(":").map(Number);
    (mappings[category] ??= []).push({ systemId, pointId });
  }
  const capacities: Record<string, number> = {};
  for (const [k, kwh] of Object.entries(s.capacitiesKwh)) {
    const n = Number(kwh);
    if (s.assignments[k] === "battery" && kwh.trim() && Number.isFinite(n) && n > 0)
      capacities[k] = Math.round(n * 1000);
  }
  return {
    displayName: s.displayName.trim(),
    alias: s.alias.trim() || null,
    displayTimezone: s.displayTimezone.trim(),
    mappings,
    capacities,
  };
}

async function errorOf(res: Response): Promise<{ message: string; issues: string[] }> {
  try {
    const body = (await res.json()) as {
      error?: { message?: string; details?: { issues?: Array<{ message: string }> } };
    };
    return {
      message: body.error?.message ?? `The server answered ${res.status}`,
      issues: (body.error?.details?.issues ?? []).map((i) => i.message),
    };
  } catch {
    return { message: `The server answered ${res.status}`, issues: [] };
  }
}

/** State, candidate points and save for the composite editor (create when `initial` is absent, else edit). */
export function useCompositeForm(initial?: CompositeDetail) {
  const browserZone = typeof Intl !== "undefined" ? Intl.DateTimeFormat().resolvedOptions().timeZone : "UTC";
  const [state, setState] = useState<CompositeFormState>(() => initialState(initial, browserZone));
  const [candidates, setCandidates] = useState<CandidatesResponse | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ message: string; issues: string[] } | null>(null);

  useEffect(() => {
    let live = true;
    fetch("/api/composites/candidates", { cache: "no-store" })
      .then(async (res) =>
        res.ok ? ((await res.json()) as CandidatesResponse) : Promise.reject((await errorOf(res)).message),
      )
      .then((data) => live && setCandidates(data))
      .catch((e) => live && setLoadError(typeof e === "string" ? e : "Could not load your systems' points"));
    return () => {
      live = false;
    };
  }, []);

  const update = useCallback((patch: Partial<CompositeFormState>) => setState((s) => ({ ...s, ...patch })), []);
  const assign = useCallback((key: string, category: string | null) => {
    setState((s) => {
      const assignments = { ...s.assignments };
      if (category) assignments[key] = category;
      else delete assignments[key];
      return { ...s, assignments };
    });
  }, []);

  const mappedCount = useMemo(() => Object.keys(state.assignments).length, [state.assignments]);

  const save = useCallback(async (): Promise<SystemSummary | null> => {
    setSaving(true);
    setError(null);
    try {
      const url = initial ? `/api/composites/${initial.system.id}` : "/api/composites";
      const res = await fetch(url, {
        method: initial ? "PATCH" : "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(toRequestBody(state)),
      });
      if (!res.ok) {
        setError(await errorOf(res));
        return null;
      }
      const body = (await res.json()) as SystemSummary | CompositeDetail;
      return "system" in body ? body.system : body;
    } catch {
      setError({ message: "Could not reach the server; check your connection and try again", issues: [] });
      return null;
    } finally {
      setSaving(false);
    }
  }, [initial, state]);

  return { state, update, assign, candidates, loadError, saving, error, save, mappedCount };
}
