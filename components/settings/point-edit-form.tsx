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
  .refine((v) => !v.extension || v.subtype, {
    message: "Fill in “What it is” first: “Which one” tells apart several of the same kind",
    path: ["extension"],
  });
type Values = z.infer<typeof schema>;
type TextField = "displayName" | "alias" | "subsystem" | "subtype" | "extension";

/** Plain labels and a one-line help for each field (the API's names stay internal). */
const FIELDS: Record<TextField, { label: string; help: string; placeholder?: string }> = {
  displayName: { label: "Name", help: "Shown on cards, charts and in the All points list." },
  alias: {
    label: "Short name (optional)",
    help: "A code for exports and links: letters, digits and _ only.",
    placeholder: "e.g. pool_pump",
  },
  subtype: {
    label: "What it is",
    help: "One word for the device or flow, such as solar, battery, grid, hvac, or ev for an electric vehicle charger.",
    placeholder: "e.g. solar",
  },
  extension: {
    label: "Which one (optional)",
    help: "Tells apart several of the same kind, such as local and remote solar.",
    placeholder: "e.g. remote",
  },
  subsystem: {
    label: "Group (optional)",
    help: "Keeps related values together in lists; it does not move the value to another card.",
    placeholder: "e.g. solar",
  },
};
const SELECT_HELP = {
  type: "Whether it makes, uses or moves power both ways: this decides the side of the chart it is drawn on.",
  transform: "Pick “running total” for lifetime meters (kWh so far) so charts show what was used in each interval.",
  active: "Untick to stop storing and showing it; its history stays.",
};

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

  const input = (k: TextField) => (
    <Field key={k} id={`pt-${k}`} label={FIELDS[k].label} help={FIELDS[k].help} error={fieldError(k)}>
      <Input
        id={`pt-${k}`}
        aria-invalid={Boolean(fieldError(k))}
        aria-describedby={`pt-${k}-help pt-${k}-error`}
        placeholder={FIELDS[k].placeholder}
        {...form.register(k)}
      />
    </Field>
  );
  const [type, subtype, extension] = form.watch(["type", "subtype", "extension"]);
  const path = type ? [type, subtype, subtype && extension].filter(Boolean).join(".") + `/${point.metricType}` : null;
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={`Edit ${point.displayName}`}>
      <p className="text-xs text-muted-foreground">
        The vendor calls this &ldquo;{point.pointName}&rdquo;: a {point.metricType} value
        {point.unit ? ` in ${point.unit}` : " without a unit"}.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        {input("displayName")}
        {input("alias")}
        <Field id="pt-type" label="Direction" help={SELECT_HELP.type} error={fieldError("type")}>
          <Select id="pt-type" aria-describedby="pt-type-help pt-type-error" {...form.register("type")}>
            <option value="">Not classified (kept, but on no card or chart)</option>
            <option value="source">Produces power (e.g. solar)</option>
            <option value="load">Uses power (e.g. the home, a circuit)</option>
            <option value="bidi">Both ways (e.g. battery, grid)</option>
          </Select>
        </Field>
        {input("subtype")}
        {input("extension")}
        {input("subsystem")}
        <Field id="pt-transform" label="How to read it" help={SELECT_HELP.transform} error={fieldError("transform")}>
          <Select
            id="pt-transform"
            aria-describedby="pt-transform-help pt-transform-error"
            {...form.register("transform")}
          >
            <option value="">As the vendor reports it</option>
            <option value="i">Flip the sign (the vendor counts the other way round)</option>
            <option value="d">Running total: use the change between readings</option>
          </Select>
        </Field>
        <div className="space-y-2 self-end">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-primary"
              aria-describedby="pt-active-help"
              {...form.register("active")}
            />
            Keep and show this value
          </label>
          <p id="pt-active-help" className="text-xs text-muted-foreground">
            {SELECT_HELP.active}
          </p>
        </div>
      </div>
      <p className="text-xs text-muted-foreground" data-testid="point-path-preview">
        {path ? (
          <>
            Shown as <span className="font-mono">{path}</span>: the direction, what it is and which one decide the card
            and chart it appears on.
          </>
        ) : (
          "Not classified: the value is stored and listed under All points, but no card or chart shows it."
        )}
      </p>
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
