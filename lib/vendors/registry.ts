import type { VendorAdapter, VendorType } from "./types";

const adapters = new Map<VendorType, VendorAdapter>();

/** Registers an adapter under its vendor type (done once per vendor in lib/vendors/index.ts). */
// Adapters are typed by their own credentials; the registry keeps them untyped (callers parse credentials with the schema).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function registerAdapter(adapter: VendorAdapter<any>): void {
  adapters.set(adapter.vendorType, adapter as unknown as VendorAdapter);
}

/** The adapter of a vendor type, or undefined if it is not supported. */
export function getAdapter(vendorType: string): VendorAdapter | undefined {
  return adapters.get(vendorType as VendorType);
}

/** Every registered adapter, in registration order. */
export function listAdapters(): VendorAdapter[] {
  return [...adapters.values()];
}
