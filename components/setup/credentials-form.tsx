"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { TestConnectionResponse, VendorOption } from "@/lib/systems/contracts";
import { ApiClientError, apiJson, issueFor } from "./api-client";
import { FormError } from "./form-error";

/** A zod schema for a vendor's fields as /api/vendors describes them (the server re-validates with its own). */
export function credentialsSchemaFor(vendor: VendorOption) {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const f of vendor.credentialFields) {
    const base = z.string().trim().min(1, `Enter your ${f.label}`);
    shape[f.name] = f.type === "email" ? base.email(`Enter a valid ${f.label}`) : base;
  }
  return z.object(shape);
}

/**
 * Step 2: the vendor's credential fields and "Test connection"; the API's answer (or error, shown under the field
 * it concerns when it names one) decides what happens next.
 */
export function CredentialsForm({
  vendor,
  onTested,
}: {
  vendor: VendorOption;
  onTested: (credentials: Record<string, string>, result: TestConnectionResponse) => void;
}) {
  const schema = useMemo(() => credentialsSchemaFor(vendor), [vendor]);
  const form = useForm<Record<string, string>>({
    resolver: zodResolver(schema),
    defaultValues: Object.fromEntries(vendor.credentialFields.map((f) => [f.name, ""])),
  });
  const [error, setError] = useState<unknown>(null);
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (credentials) => {
    setError(null);
    try {
      const result = await apiJson<TestConnectionResponse>("/api/test-connection", {
        method: "POST",
        body: { vendorType: vendor.vendorType, credentials },
      });
      onTested(credentials, result);
    } catch (e) {
      setError(e instanceof ApiClientError ? e : new ApiClientError(String(e), 0));
    }
  });

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={`${vendor.displayName} sign-in`}>
      {vendor.credentialFields.map((f) => {
        const id = `cred-${f.name}`;
        const message = errors[f.name]?.message ?? issueFor(error, f.name);
        return (
          <Field key={f.name} id={id} label={f.label} help={f.help} error={message}>
            <Input
              id={id}
              type={f.type}
              placeholder={f.placeholder}
              autoComplete={f.type === "password" ? "current-password" : f.type === "email" ? "email" : "off"}
              aria-invalid={Boolean(message)}
              aria-describedby={`${id}-help ${id}-error`}
              {...form.register(f.name)}
            />
          </Field>
        );
      })}
      <FormError error={error} testId="test-connection-error" />
      <Button type="submit" disabled={isSubmitting} data-testid="test-connection">
        {isSubmitting ? "Testing…" : "Test connection"}
      </Button>
    </form>
  );
}
