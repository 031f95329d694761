"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ApiClientError, apiJson, issueFor } from "@/components/setup/api-client";
import { FormError } from "@/components/setup/form-error";
import { ALIAS_RE, SEGMENT_RE } from "@/lib/systems/fields";
import type { PointSettings } from "@/lib/systems/contracts";

const optional = (re: RegExp, message: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || re.test(v), message);
const schema = z
  .object({
    displayName: z.string().trim().min(1, "Enter a name").max(80),
    alias: optional(ALIAS_RE, "Letters, digits or _ only"),
    subsystem: optional(SEGMENT_RE, "Lower-case letters, digits, _ or -"),
    type: z.enum(["", "source", "load", "bidi"]),
    subtype: optional(SEGMENT_RE, "Lower-case letters, digits, _ or -"),
    extension: optional(SEGMENT_RE, "Lower-case letters, digits, _ or -"),
    active: z.boolean(),
    transform: z.enum(["", "i", "d"]),
  })
  .refine((v) => !v.extension || v.subtype, { message: "An extension needs a subtype", path: ["extension"] });
type Values = z.infer<typeof schema>;
type TextField = "displayName" | "alias" | "subsystem" | "subtype" | "extension";

/** The edit form of one point; sends only changed fields (blank → null) and hands back the saved point. */
export function PointEditForm({
  systemId,
  point,
  onSaved,
  onCancel,
}: {
  systemId: number;
  point: PointSettings;
  onSaved: (p: PointSettings) => void;
  onCancel: () => void;
}) {
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      displayName: point.displayName,
      alias: point.alias ?? "",
      subsystem: point.subsystem ?? "",
      type: point.type ?? "",
      subtype: point.subtype ?? "",
      extension: point.extension ?? "",
      active: point.active,
      transform: point.transform ?? "",
    },
  });
  const [error, setError] = useState<unknown>(null);
  const { errors, isSubmitting, dirtyFields } = form.formState;
  const fieldError = (k: keyof Values) => errors[k]?.message ?? issueFor(error, k);

  const submit = form.handleSubmit(async (values) => {
    setError(null);
    const keys = (Object.keys(dirtyFields) as Array<keyof Values>).filter((k) => dirtyFields[k]);
    if (!keys.length) return onCancel();
    const patch = Object.fromEntries(keys.map((k) => [k, values[k] === "" ? null : values[k]]));
    try {
      onSaved(
        await apiJson<PointSettings>(`/api/systems/${systemId}/points/${point.id}`, { method: "PATCH", body: patch }),
      );
    } catch (e) {
      setError(e instanceof ApiClientError ? e : new ApiClientError(String(e), 0));
    }
  });

  const LABELS: Record<TextField, string> = {
    displayName: "Display name",
    alias: "Alias",
    subsystem: "Subsystem",
    subtype: "Subtype",
    extension: "Extension",
  };
  const input = (k: TextField) => (
    <Field key={k} id={`pt-${k}`} label={LABELS[k]} error={fieldError(k)}>
      <Input
        id={`pt-${k}`}
        aria-invalid={Boolean(fieldError(k))}
        aria-describedby={`pt-${k}-error`}
        {...form.register(k)}
      />
    </Field>
  );
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={`Edit ${point.displayName}`}>
      <p className="text-xs text-muted-foreground">
        Vendor name: {point.pointName} · metric {point.metricType} ({point.unit || "no unit"})
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        {input("displayName")}
        {input("alias")}
        <Field id="pt-type" label="Type" error={fieldError("type")}>
          <Select id="pt-type" {...form.register("type")}>
            <option value="">Unclassified</option>
            <option value="source">source (produces)</option>
            <option value="load">load (consumes)</option>
            <option value="bidi">bidi (both ways)</option>
          </Select>
        </Field>
        {input("subtype")}
        {input("extension")}
        {input("subsystem")}
        <Field id="pt-transform" label="Transform" error={fieldError("transform")}>
          <Select id="pt-transform" {...form.register("transform")}>
            <option value="">None</option>
            <option value="i">i: invert the sign</option>
            <option value="d">d: lifetime counter (differentiate)</option>
          </Select>
        </Field>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" className="size-4 accent-primary" {...form.register("active")} />
          Active (shown and stored)
        </label>
      </div>
      <FormError error={error} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={isSubmitting} data-testid="save-point">
          {isSubmitting ? "Saving…" : "Save point"}
        </Button>
      </div>
    </form>
  );
}
