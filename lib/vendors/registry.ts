import type { PollAdapter, PushAdapter, VendorAdapter, VendorType } from "./types";

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

/** The adapter of a vendor type when it is polled (mode "poll"), else undefined. */
export function getPollAdapter(vendorType: string): PollAdapter | undefined {
  const a = getAdapter(vendorType);
  return a?.mode === "poll" ? a : undefined;
}

/** The adapter of a vendor type when the vendor pushes to us (mode "push"), else undefined. */
export function getPushAdapter(vendorType: string): PushAdapter | undefined {
  const a = getAdapter(vendorType);
  return a?.mode === "push" ? a : undefined;
}

/** Whether systems of this vendor type are computed from other systems (mode "virtual"). */
export function isVirtualVendor(vendorType: string | null | undefined): boolean {
  return vendorType != null && getAdapter(vendorType)?.mode === "virtual";
}

/** The vendor types whose systems are computed from other systems. */
export function virtualVendorTypes(): VendorType[] {
  return listAdapters()
    .filter((a) => a.mode === "virtual")
    .map((a) => a.vendorType);
}

/** The display name the vendor's adapter declares; the vendor type itself for an unknown one. */
export function vendorDisplayName(vendorType: string): string {
  return getAdapter(vendorType)?.displayName ?? vendorType;
}
