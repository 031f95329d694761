import "server-only";
import "@/lib/vendors";
import { ApiError } from "@/lib/api/errors";
import { getAdapter, listAdapters } from "@/lib/vendors/registry";
import type { VendorAdapter } from "@/lib/vendors/types";
import type { VendorOption } from "./contracts";

/** What the setup wizard may offer for an adapter: its public description and field names, never a secret. */
export function toVendorOption(a: VendorAdapter): VendorOption {
  return {
    vendorType: a.vendorType,
    displayName: a.displayName,
    description: a.description,
    mode: a.mode,
    capabilities: a.capabilities,
    supportsOAuth: a.capabilities.setup === "oauth",
    canTestConnection: typeof a.testConnection === "function",
    credentialFields: a.credentialFields.map(({ name, label, type, placeholder, help }) => ({
      name,
      label,
      type,
      ...(placeholder ? { placeholder } : {}),
      ...(help ? { help } : {}),
    })),
  };
}

/** Every registered vendor, by display name. */
export function listVendorOptions(): VendorOption[] {
  return listAdapters()
    .map(toVendorOption)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The adapter of a vendor type; 400 naming the supported ones when unknown. */
export function requireAdapter(vendorType: string): VendorAdapter {
  const adapter = getAdapter(vendorType);
  if (!adapter) {
    const known = listAdapters()
      .map((a) => a.vendorType)
      .join(", ");
    throw new ApiError("BAD_REQUEST", `Unknown vendor '${vendorType}'; supported: ${known}`);
  }
  return adapter;
}

/** Parses credentials with the adapter's schema; 400 listing each field's problem (values are never echoed). */
export function parseCredentials(adapter: VendorAdapter, credentials: unknown): Record<string, unknown> {
  const parsed = adapter.credentialsSchema.safeParse(credentials ?? {});
  if (!parsed.success) throw ApiError.fromZod(parsed.error, "credentials");
  return parsed.data as Record<string, unknown>;
}
