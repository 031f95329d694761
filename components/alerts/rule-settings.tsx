"use client";

import { useCallback, useEffect, useState } from "react";
import { apiJson } from "@/components/setup/api-client";
import { FormError } from "@/components/setup/form-error";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RuleKind } from "@/lib/alerts/rules";
import type { PointSettings, PointsResponse } from "@/lib/systems/contracts";
import { RuleEditor } from "./rule-editor";
import {
  blankRuleForm,
  describeCondition,
  KIND_INFO,
  KINDS,
  ruleToForm,
  type RuleForm,
  type RuleView,
} from "./rule-form";

interface RulesResponse {
  rules: RuleView[];
  canWrite: boolean;
}

type Editing = { ruleId?: number; form: RuleForm; key: number } | null;

/**
 * The Alert rules section of a system's settings: every rule with its kind, condition, severity and on/off.
 * Owners and admins switch rules on and off, edit, add (one of each kind or more) and delete; viewers read.
 */
export function RuleSettings({ systemId }: { systemId: number }) {
  const base = `/api/systems/${systemId}/alert-rules`;
  const [data, setData] = useState<RulesResponse | null>(null);
  const [points, setPoints] = useState<PointSettings[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [newKind, setNewKind] = useState<RuleKind>("threshold");
  const [busy, setBusy] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      const [rules, pts] = await Promise.all([
        apiJson<RulesResponse>(base),
        apiJson<PointsResponse>(`/api/systems/${systemId}/points`).catch(() => ({ points: [] })),
      ]);
      setData(rules);
      setPoints(pts.points);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [base, systemId]);
  useEffect(() => {
    void load();
  }, [load]);

  if (error && !data) return <FormError error={error} />;
  if (!data) return <p className="text-sm text-muted-foreground">Loading…</p>;

  const pointName = (id: number) => points.find((p) => p.id === id)?.displayName ?? `point ${id}`;
  const act = async (rule: RuleView, run: () => Promise<unknown>) => {
    setBusy(rule.id);
    setError(null);
    try {
      await run();
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  const toggle = (rule: RuleView) =>
    act(rule, () => apiJson(`${base}/${rule.id}`, { method: "PATCH", body: { enabled: !rule.enabled } }));
  const remove = (rule: RuleView) => {
    if (!window.confirm(`Delete the rule "${rule.name}"? Its open alert is resolved; its history stays.`)) return;
    void act(rule, () => apiJson(`${base}/${rule.id}`, { method: "DELETE" }));
  };
  const done = () => {
    setEditing(null);
    void load();
  };

  return (
    <div className="space-y-4" data-testid="alert-rules">
      {!data.canWrite && (
        <p className="text-sm text-muted-foreground">
          You can see this system&apos;s rules; its owners and admins change them.
        </p>
      )}
      {data.rules.length === 0 ? (
        <p className="text-sm text-muted-foreground">No alert rules: nothing about this system raises an alert.</p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Rule</TableHead>
              <TableHead className="hidden sm:table-cell">Condition</TableHead>
              <TableHead className="hidden sm:table-cell">Severity</TableHead>
              <TableHead className="hidden sm:table-cell">Status</TableHead>
              {data.canWrite && <TableHead className="sr-only">Actions</TableHead>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.rules.map((rule) => (
              <TableRow key={rule.id} data-testid={`rule-${rule.id}`}>
                <TableCell>
                  <span className="font-medium">{rule.name}</span>
                  <span className="block text-xs text-muted-foreground">
                    {KIND_INFO[rule.kind]?.label ?? rule.kind}
                    {rule.isDefault && " · default"}
                  </span>
                  {/* On a phone the condition and status sit under the name, so the row fits the screen. */}
                  <span className="mt-1 block text-sm sm:hidden">
                    {describeCondition(rule, pointName)} · {rule.enabled ? "On" : "Off"}
                  </span>
                </TableCell>
                <TableCell className="hidden text-sm sm:table-cell">{describeCondition(rule, pointName)}</TableCell>
                <TableCell className="hidden sm:table-cell">
                  <Badge variant={rule.severity === "critical" ? "destructive" : "secondary"}>{rule.severity}</Badge>
                </TableCell>
                <TableCell className="hidden text-sm sm:table-cell">{rule.enabled ? "On" : "Off"}</TableCell>
                {data.canWrite && (
                  <TableCell>
                    <div className="flex flex-col items-stretch gap-1 sm:flex-row sm:flex-wrap sm:justify-end">
                      <Button
                        type="button"
                        size="sm"
                        variant="outline"
                        disabled={busy === rule.id}
                        onClick={() => void toggle(rule)}
                        aria-label={`${rule.enabled ? "Switch off" : "Switch on"} ${rule.name}`}
                      >
                        {rule.enabled ? "Switch off" : "Switch on"}
                      </Button>
                      <Button
                        type="button"
                        size="sm"
                        variant="outline"
                        onClick={() => setEditing({ ruleId: rule.id, form: ruleToForm(rule), key: Date.now() })}
                        aria-label={`Edit ${rule.name}`}
                      >
                        Edit
                      </Button>
                      <Button
                        type="button"
                        size="sm"
                        variant="ghost"
                        disabled={busy === rule.id}
                        onClick={() => remove(rule)}
                        aria-label={`Delete ${rule.name}`}
                      >
                        Delete
                      </Button>
                    </div>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <FormError error={error} />
      {data.canWrite && editing && (
        <RuleEditor
          key={editing.key}
          systemId={systemId}
          ruleId={editing.ruleId}
          initial={editing.form}
          points={points}
          onDone={done}
          onCancel={() => setEditing(null)}
        />
      )}
      {data.canWrite && !editing && (
        <div className="flex flex-wrap items-end gap-2">
          <div className="w-56">
            <label htmlFor={`new-rule-kind-${systemId}`} className="mb-1 block text-sm font-medium">
              New rule of kind
            </label>
            <Select
              id={`new-rule-kind-${systemId}`}
              value={newKind}
              onChange={(e) => setNewKind(e.target.value as RuleKind)}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_INFO[k].label}
                </option>
              ))}
            </Select>
          </div>
          <Button type="button" onClick={() => setEditing({ form: blankRuleForm(newKind), key: Date.now() })}>
            Add a rule
          </Button>
        </div>
      )}
    </div>
  );
}
