"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { aliasSchema, blankToNull, displayNameSchema } from "@/lib/systems/fields";
import type { CreateSystemResponse, TestConnectionResponse, VendorOption } from "@/lib/systems/contracts";
import { ApiClientError, apiJson, issueFor } from "./api-client";
import { FormError } from "./form-error";
import { browserTimezone, TimezoneSelect } from "./timezone-select";

const detailsSchema = z.object({
  vendorSiteId: z.string(),
  displayName: displayNameSchema,
  alias: z.preprocess(blankToNull, aliasSchema.nullable()),
  displayTimezone: z.string().min(1, "Choose a time zone"),
});
type Details = z.input<typeof detailsSchema>;

/** Suggests an alias from a name: "Beach House" → "beach_house". */
export function suggestAlias(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40);
  return /^\d*$/.test(slug) ? "" : slug;
}

/** The time zone the vendor reported for a site (or for the tested site), when it is a real IANA zone. */
export function reportedZone(result: TestConnectionResponse | null, siteId: string): string | null {
  const site = result?.sites.find((s) => s.vendorSiteId === siteId);
  const zone = site?.info?.timezone ?? (siteId === result?.testedSiteId ? result?.systemInfo?.timezone : null);
  return zone && isValidZone(zone) ? zone : null;
}

function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Why the chosen zone needs a second look before saving, or null: it differs from what the vendor reported, or the
 * vendor reported none and the choice is UTC (a browser default; hardly ever where a home system is).
 */
export function zoneWarning(vendorName: string, reported: string | null, chosen: string): string | null {
  if (!chosen) return null;
  if (reported && chosen !== reported) {
    return `${vendorName} reports ${reported} for this site, but ${chosen} is chosen. Local days, daily totals and charts follow the zone you save.`;
  }
  if (!reported && /^(UTC|Etc\/.*|GMT)$/.test(chosen)) {
    return `${vendorName} does not report a time zone, and ${chosen} is chosen (this browser's zone). Days and daily totals would start at midnight ${chosen}: choose the zone where the system is.`;
  }
  return null;
}

/** Step 3: which site, its name, alias and time zone → POST /api/systems. */
export function SystemDetailsForm({
  vendor,
  credentials,
  result,
  onCreated,
}: {
  vendor: VendorOption;
  credentials: Record<string, string>;
  result: TestConnectionResponse | null;
  onCreated: (created: CreateSystemResponse) => void;
}) {
  const sites = result?.sites ?? [];
  const first = sites.find((s) => s.vendorSiteId === result?.testedSiteId) ?? sites[0];
  const zoneOf = (siteId: string) => reportedZone(result, siteId);
  const form = useForm<Details>({
    resolver: zodResolver(detailsSchema),
    defaultValues: {
      vendorSiteId: first?.vendorSiteId ?? "",
      displayName: first?.name ?? "",
      alias: suggestAlias(first?.name ?? ""),
      displayTimezone: zoneOf(first?.vendorSiteId ?? "") ?? browserTimezone(),
    },
  });
  const [error, setError] = useState<unknown>(null);
  // The zone the person already confirmed despite the warning (a different choice asks again).
  const [confirmedZone, setConfirmedZone] = useState<string | null>(null);
  const { errors, isSubmitting } = form.formState;
  const fieldError = (name: keyof Details) => errors[name]?.message ?? issueFor(error, name);
  const [siteId, zone] = form.watch(["vendorSiteId", "displayTimezone"]);
  const reported = zoneOf(siteId);
  const warning = zoneWarning(vendor.displayName, reported, zone);

  const submit = form.handleSubmit(async (values) => {
    setError(null);
    if (warning && confirmedZone !== values.displayTimezone) {
      setConfirmedZone(null);
      document.getElementById("zone-warning")?.focus();
      return;
    }
    try {
      const created = await apiJson<CreateSystemResponse>("/api/systems", {
        method: "POST",
        body: {
          vendorType: vendor.vendorType,
          ...(values.vendorSiteId ? { vendorSiteId: values.vendorSiteId } : {}),
          displayName: values.displayName,
          alias: values.alias || null,
          displayTimezone: values.displayTimezone,
          credentials,
        },
      });
      onCreated(created);
    } catch (e) {
      setError(e instanceof ApiClientError ? e : new ApiClientError(String(e), 0));
    }
  });

  const described = (id: string) => ({ "aria-describedby": `${id}-help ${id}-error` });
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="System details">
      {sites.length > 0 && (
        <Field id="site" label="Site" error={fieldError("vendorSiteId")}>
          <Select
            id="site"
            data-testid="site-select"
            {...form.register("vendorSiteId", {
              onChange: (e) => {
                const site = sites.find((s) => s.vendorSiteId === e.target.value);
                if (site && !form.formState.dirtyFields.displayName) form.setValue("displayName", site.name);
                const zone = zoneOf(e.target.value);
                if (zone && !form.formState.dirtyFields.displayTimezone) form.setValue("displayTimezone", zone);
              },
            })}
            {...described("site")}
          >
            {sites.map((s) => (
              <option key={s.vendorSiteId} value={s.vendorSiteId}>
                {s.name} ({s.vendorSiteId})
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field id="displayName" label="Name" error={fieldError("displayName")}>
        <Input
          id="displayName"
          aria-invalid={Boolean(fieldError("displayName"))}
          {...described("displayName")}
          {...form.register("displayName")}
        />
      </Field>
      <Field
        id="alias"
        label="Alias (optional)"
        help="A short name for links, e.g. /dashboard/home: letters, digits and _."
        error={fieldError("alias")}
      >
        <Input
          id="alias"
          aria-invalid={Boolean(fieldError("alias"))}
          {...described("alias")}
          {...form.register("alias")}
        />
      </Field>
      <Field
        id="displayTimezone"
        label="Time zone"
        help={
          reported
            ? `${vendor.displayName} reports ${reported} for this site. Days and charts follow this zone.`
            : `${vendor.displayName} does not report a time zone: this is your browser's. Choose the zone where the system is.`
        }
        error={fieldError("displayTimezone")}
      >
        <Controller
          control={form.control}
          name="displayTimezone"
          render={({ field }) => <TimezoneSelect id="displayTimezone" {...described("displayTimezone")} {...field} />}
        />
      </Field>
      {warning && (
        <div
          id="zone-warning"
          tabIndex={-1}
          role="note"
          data-testid="zone-warning"
          className="space-y-2 rounded-md border border-amber-500/60 bg-amber-50 p-3 text-sm text-amber-950 outline-none focus-visible:ring-2 focus-visible:ring-ring dark:bg-amber-950/30 dark:text-amber-100"
        >
          <p>{warning}</p>
          <div className="flex flex-wrap gap-2">
            {reported && (
              <Button
                type="button"
                size="sm"
                variant="outline"
                onClick={() => form.setValue("displayTimezone", reported, { shouldDirty: true })}
              >
                Use {reported}
              </Button>
            )}
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                className="size-4 accent-primary"
                data-testid="zone-confirm"
                checked={confirmedZone === zone}
                onChange={(e) => setConfirmedZone(e.target.checked ? zone : null)}
              />
              Keep {zone}
            </label>
          </div>
        </div>
      )}
      <FormError error={error} testId="create-error" />
      <Button type="submit" disabled={isSubmitting} data-testid="create-system">
        {isSubmitting ? "Checking and creating…" : "Create system"}
      </Button>
    </form>
  );
}
