"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { sendJson } from "./send-json";

type Result = { phase: "pending" } | { phase: "done" | "failed"; text: string; at?: string };
interface Fields {
  systemId: string;
  from: string;
  to: string;
}

/** What is wrong with the fields before anything is sent, or null. */
export function aggregationFieldsProblem(f: Fields): string | null {
  if (!f.from || !f.to) return "Choose both the first and the last day.";
  if (f.from > f.to) return "The first day must not be after the last day.";
  return null;
}

/**
 * Regenerates daily aggregates for one system (or all) over a range of its local days. The fields are controlled
 * (a run keeps them, so the next click repeats or adjusts it) and a changed field clears the previous outcome.
 */
export function AggregationTool({ systems }: { systems: Array<{ id: number; displayName: string }> }) {
  const [fields, setFields] = useState<Fields>({ systemId: "all", from: "", to: "" });
  const [result, setResult] = useState<Result | null>(null);
  const [runs, setRuns] = useState(0);
  const change = (key: keyof Fields) => (e: { target: { value: string } }) => {
    setFields((f) => ({ ...f, [key]: e.target.value }));
    if (result?.phase !== "pending") setResult(null);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (result?.phase === "pending") return;
    const problem = aggregationFieldsProblem(fields);
    if (problem) return setResult({ phase: "failed", text: problem });
    setResult({ phase: "pending" });
    setRuns((n) => n + 1);
    const r = await sendJson<{ systems: number; days: number; rows: number; accountRows?: number }>(
      "/api/admin/aggregation",
      "POST",
      {
        systemId: fields.systemId === "all" ? null : Number(fields.systemId),
        from: fields.from,
        to: fields.to,
      },
    );
    // The time tells a repeated run's outcome apart from the previous one.
    const at = new Date().toLocaleTimeString();
    setResult(
      r.ok
        ? {
            phase: "done",
            text: `Regenerated ${r.data.rows} daily rows and ${r.data.accountRows ?? 0} energy-account days: ${r.data.days} days × ${r.data.systems} systems`,
            at,
          }
        : { phase: "failed", text: r.message, at },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3" data-testid="aggregation-form">
      <div className="flex flex-col gap-1 text-xs">
        <Label htmlFor="agg-system">System</Label>
        <Select id="agg-system" value={fields.systemId} onChange={change("systemId")} className="h-9 w-56">
          <option value="all">every system</option>
          {systems.map((s) => (
            <option key={s.id} value={s.id}>
              {s.displayName} (#{s.id})
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1 text-xs">
        <Label htmlFor="agg-from">From day</Label>
        <Input id="agg-from" type="date" value={fields.from} onChange={change("from")} required className="h-9" />
      </div>
      <div className="flex flex-col gap-1 text-xs">
        <Label htmlFor="agg-to">To day</Label>
        <Input id="agg-to" type="date" value={fields.to} onChange={change("to")} required className="h-9" />
      </div>
      <Button type="submit" size="sm" disabled={result?.phase === "pending"} data-testid="aggregation-submit">
        {result?.phase === "pending" ? "Regenerating…" : "Regenerate daily aggregates"}
      </Button>
      <p
        role="status"
        data-testid="aggregation-result"
        data-phase={result?.phase ?? "idle"}
        data-runs={runs}
        className={
          result?.phase === "failed"
            ? "w-full text-sm text-destructive"
            : "w-full text-sm text-emerald-700 dark:text-emerald-400"
        }
      >
        {result && result.phase !== "pending" ? `${result.text}${result.at ? ` (at ${result.at})` : ""}` : ""}
      </p>
    </form>
  );
}
