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
  const zoneOf = (siteId: string) => sites.find((s) => s.vendorSiteId === siteId)?.info?.timezone;
  const form = useForm<Details>({
    resolver: zodResolver(detailsSchema),
    defaultValues: {
      vendorSiteId: first?.vendorSiteId ?? "",
      displayName: first?.name ?? "",
      alias: suggestAlias(first?.name ?? ""),
      displayTimezone: result?.systemInfo?.timezone ?? browserTimezone(),
    },
  });
  const [error, setError] = useState<unknown>(null);
  const { errors, isSubmitting } = form.formState;
  const fieldError = (name: keyof Details) => errors[name]?.message ?? issueFor(error, name);

  const submit = form.handleSubmit(async (values) => {
    setError(null);
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
        help="Days and charts follow this zone."
        error={fieldError("displayTimezone")}
      >
        <Controller
          control={form.control}
          name="displayTimezone"
          render={({ field }) => <TimezoneSelect id="displayTimezone" {...described("displayTimezone")} {...field} />}
        />
      </Field>
      <FormError error={error} testId="create-error" />
      <Button type="submit" disabled={isSubmitting} data-testid="create-system">
        {isSubmitting ? "Checking and creating…" : "Create system"}
      </Button>
    </form>
  );
}
