"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ApiClientError, apiJson, issueFor } from "@/components/setup/api-client";
import { FormError } from "@/components/setup/form-error";
import { TimezoneSelect } from "@/components/setup/timezone-select";
import { aliasSchema, blankToNull, displayNameSchema } from "@/lib/systems/fields";
import type { SystemSettings } from "@/lib/systems/contracts";

const schema = z.object({
  displayName: displayNameSchema,
  alias: z.preprocess(blankToNull, aliasSchema.nullable()),
  displayTimezone: z.string().min(1, "Choose a time zone"),
  status: z.enum(["active", "disabled"]),
  isDefault: z.boolean(),
});
type Values = z.input<typeof schema>;

/** The query flag that carries "Saved." across the move to the id-based address (which mounts a fresh page). */
const SAVED_FLAG = "saved";

/**
 * Name, alias, time zone, polling status (not for a computed system, which is never polled) and (owner only)
 * default flag of one system; saves only what changed.
 */
export function SystemSettingsForm({ settings, computed = false }: { settings: SystemSettings; computed?: boolean }) {
  const router = useRouter();
  const [saved, setSaved] = useState(settings);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const defaults = (s: SystemSettings): Values => ({
    displayName: s.displayName,
    alias: s.alias ?? "",
    displayTimezone: s.displayTimezone,
    status: s.status === "disabled" ? "disabled" : "active",
    isDefault: s.isDefault,
  });
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: defaults(settings) });
  const { errors, isSubmitting, dirtyFields } = form.formState;
  const fieldError = (name: keyof Values) => errors[name]?.message ?? issueFor(error, name);
  const isOwner = settings.role === "owner";

  // Arrived here right after a save that changed the address: say so once, then drop the flag from the URL.
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has(SAVED_FLAG)) return;
    setNotice("Saved.");
    url.searchParams.delete(SAVED_FLAG);
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  }, []);

  const submit = form.handleSubmit(async (values) => {
    setError(null);
    setNotice(null);
    const parsed = schema.parse(values);
    const patch = Object.fromEntries(
      (Object.keys(dirtyFields) as Array<keyof Values>)
        .filter((k) => k !== "isDefault" || isOwner)
        .map((k) => [k, parsed[k]]),
    );
    if (!Object.keys(patch).length) return setNotice("Nothing to save.");
    try {
      const next = await apiJson<SystemSettings>(`/api/systems/${saved.id}`, { method: "PATCH", body: patch });
      setSaved(next);
      form.reset(defaults(next));
      setNotice("Saved.");
      // The page may have been opened by an alias that just changed: the id-based address always resolves. Moving
      // there mounts a new page, so the notice travels in the URL; on the same address a refresh keeps this state.
      const home = `/dashboard/${next.id}/settings`;
      if (window.location.pathname !== home) router.replace(`${home}?${SAVED_FLAG}=1`);
      else router.refresh();
    } catch (e) {
      setError(e instanceof ApiClientError ? e : new ApiClientError(String(e), 0));
    }
  });

  const aria = (id: string) => ({
    "aria-describedby": `${id}-help ${id}-error`,
    "aria-invalid": Boolean(fieldError(id as keyof Values)),
  });
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="System settings" data-testid="settings-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="displayName" label="Name" error={fieldError("displayName")}>
          <Input id="displayName" {...aria("displayName")} {...form.register("displayName")} />
        </Field>
        <Field
          id="alias"
          label="Alias"
          help="Used in links such as /dashboard/home; letters, digits and _."
          error={fieldError("alias")}
        >
          <Input id="alias" {...aria("alias")} {...form.register("alias")} />
        </Field>
        <Field
          id="displayTimezone"
          label="Time zone"
          help="Local days and charts follow this zone."
          error={fieldError("displayTimezone")}
        >
          <Controller
            control={form.control}
            name="displayTimezone"
            render={({ field }) => <TimezoneSelect id="displayTimezone" {...aria("displayTimezone")} {...field} />}
          />
        </Field>
        {!computed && (
          <Field
            id="status"
            label="Polling"
            help="Paused systems keep their history but are not fetched."
            error={fieldError("status")}
          >
            <Select id="status" {...aria("status")} {...form.register("status")}>
              <option value="active">Active: fetch new data</option>
              <option value="disabled">Paused</option>
            </Select>
          </Field>
        )}
      </div>
      {isOwner && (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-primary focus-visible:ring-2 focus-visible:ring-ring"
            {...form.register("isDefault")}
          />
          Open this system first on my dashboard
        </label>
      )}
      <FormError error={error} testId="settings-error" />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={isSubmitting} data-testid="save-settings">
          {isSubmitting ? "Saving…" : "Save changes"}
        </Button>
        <p role="status" className="text-sm text-muted-foreground" data-testid="settings-notice">
          {notice}
        </p>
      </div>
    </form>
  );
}
