import "@/lib/vendors";
import { getAdapter } from "@/lib/vendors/registry";

/**
 * True when a system's values are computed from other systems rather than fetched from a vendor (a composite):
 * it has no login, no polling and no points of its own until its sources report. Today that is the adapter's mode
 * `virtual`; this is the one place to swap for a declared capability.
 */
export function isComputedSystem(vendorType: string): boolean {
  return getAdapter(vendorType)?.mode === "virtual";
}
