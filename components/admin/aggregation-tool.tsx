"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { sendJson } from "./send-json";

type Result = { phase: "pending" } | { phase: "done" | "failed"; text: string };

/** Regenerates daily aggregates for one system (or all) over a range of its local days. */
export function AggregationTool({ systems }: { systems: Array<{ id: number; displayName: string }> }) {
  const [result, setResult] = useState<Result | null>(null);

  async function submit(form: FormData) {
    setResult({ phase: "pending" });
    const system = String(form.get("systemId"));
    const r = await sendJson<{ systems: number; days: number; rows: number; accountRows?: number }>(
      "/api/admin/aggregation",
      "POST",
      {
        systemId: system === "all" ? null : Number(system),
        from: String(form.get("from")),
        to: String(form.get("to")),
      },
    );
    setResult(
      r.ok
        ? {
            phase: "done",
            text: `Regenerated ${r.data.rows} daily rows and ${r.data.accountRows ?? 0} energy-account days: ${r.data.days} days × ${r.data.systems} systems`,
          }
        : { phase: "failed", text: r.message },
    );
  }

  return (
    <form action={submit} className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1 text-xs">
        <Label htmlFor="agg-system">System</Label>
        <Select id="agg-system" name="systemId" defaultValue="all" className="h-9 w-56">
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
        <Input id="agg-from" name="from" type="date" required className="h-9" />
      </div>
      <div className="flex flex-col gap-1 text-xs">
        <Label htmlFor="agg-to">To day</Label>
        <Input id="agg-to" name="to" type="date" required className="h-9" />
      </div>
      <Button type="submit" size="sm" disabled={result?.phase === "pending"}>
        {result?.phase === "pending" ? "Regenerating…" : "Regenerate daily aggregates"}
      </Button>
      {result && result.phase !== "pending" ? (
        <p
          role="status"
          className={result.phase === "done" ? "w-full text-sm text-emerald-600" : "w-full text-sm text-destructive"}
        >
          {result.text}
        </p>
      ) : null}
    </form>
  );
}
