import { VendorError } from "@/lib/vendors/types";

/** Awaits a call that must fail with a VendorError and returns it (anything else fails the test). */
export async function vendorFailure(p: Promise<unknown>): Promise<VendorError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof VendorError) return err;
    throw err;
  }
  throw new Error("expected a VendorError");
}
