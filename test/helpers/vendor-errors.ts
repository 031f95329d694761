import { VendorError } from "@/lib/vendors/types";

/** Awaits a call that must fail with an error of `type` and returns it (anything else fails the test). */
export async function failureOf<E extends Error>(
  p: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await p;
  } catch (err) {
    if (err instanceof type) return err;
    throw err;
  }
  throw new Error(`expected a ${type.name}`);
}

/** Awaits a call that must fail with a VendorError and returns it (anything else fails the test). */
export const vendorFailure = (p: Promise<unknown>): Promise<VendorError> => failureOf(p, VendorError);
