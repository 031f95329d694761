"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import {
  browserZone,
  formToBody,
  saveError,
  settingsToForm,
  type FormField,
  type QuietHoursSettings,
} from "./quiet-hours-form";

/**
 * "Notification settings" of /alerts: the person's own quiet hours (start, end, zone, on/off), saved through
 * PUT /api/alerts/settings. Email and webhooks of their channels, and escalations mailed to them, wait until the
 * quiet hours end; critical alerts never wait.
 */
export function QuietHoursSettingsForm({ initial }: { initial: QuietHoursSettings }) {
  // The server renders the saved zone (or UTC); the browser's zone is filled in after hydration when none is saved.
  const [form, setForm] = useState(() => settingsToForm(initial, initial.timezone));
  useEffect(() => {
    if (initial.quietStart === null) setForm((f) => ({ ...f, zone: browserZone() }));
  }, [initial.quietStart]);
  const [errors, setErrors] = useState<Partial<Record<FormField, string>>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setStatus(null);
    const parsed = formToBody(form);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const res = await fetch("/api/alerts/settings", {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(parsed.body),
      });
      const body = await res.json().catch(() => null);
      if (!res.ok) setStatus({ ok: false, text: saveError(res.status, body) });
      else {
        setForm(settingsToForm(body as QuietHoursSettings, form.zone));
        setStatus({ ok: true, text: form.enabled ? "Quiet hours saved." : "Quiet hours are off." });
      }
    } catch {
      setStatus({ ok: false, text: "The server could not be reached. Try again." });
    } finally {
      setBusy(false);
    }
  }

  const described = (id: FormField) => `qh-${id}-help qh-${id}-error`;
  return (
    <section aria-labelledby="notification-settings" className="space-y-3 rounded-md border p-4">
      <h2 id="notification-settings" className="text-lg font-semibold">
        Notification settings
      </h2>
      <p className="text-sm text-muted-foreground">
        During your quiet hours, email and webhooks of the channels you made, and escalations mailed to you, wait until
        they end. Critical alerts are never held; alerts always show here at once.
      </p>
      <form onSubmit={save} className="space-y-3" noValidate>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            checked={form.enabled}
            onChange={(e) => setForm({ ...form, enabled: e.target.checked })}
          />
          Quiet hours on
        </label>
        <div className="grid gap-3 sm:grid-cols-3">
          <Field id="qh-start" label="Start" help="24-hour time, your zone." error={errors.start}>
            <Input
              id="qh-start"
              type="time"
              value={form.start}
              disabled={!form.enabled}
              aria-invalid={Boolean(errors.start)}
              aria-describedby={described("start")}
              onChange={(e) => setForm({ ...form, start: e.target.value })}
            />
          </Field>
          <Field id="qh-end" label="End" help="May be past midnight." error={errors.end}>
            <Input
              id="qh-end"
              type="time"
              value={form.end}
              disabled={!form.enabled}
              aria-invalid={Boolean(errors.end)}
              aria-describedby={described("end")}
              onChange={(e) => setForm({ ...form, end: e.target.value })}
            />
          </Field>
          <Field id="qh-zone" label="Time zone" help="An IANA zone, such as Europe/London." error={errors.zone}>
            <Input
              id="qh-zone"
              value={form.zone}
              autoComplete="off"
              aria-invalid={Boolean(errors.zone)}
              aria-describedby={described("zone")}
              onChange={(e) => setForm({ ...form, zone: e.target.value })}
            />
          </Field>
        </div>
        <div className="flex items-center gap-3">
          <Button type="submit" size="sm" disabled={busy}>
            Save notification settings
          </Button>
          {status ? (
            <p role="status" className={status.ok ? "text-sm text-emerald-600" : "text-sm text-destructive"}>
              {status.text}
            </p>
          ) : null}
        </div>
      </form>
    </section>
  );
}
