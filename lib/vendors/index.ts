import "server-only";
import { registerAdapter } from "./registry";
import { selectronicAdapter } from "./selectronic/adapter";
import type { VendorAdapter } from "./types";

/** Adapters are typed by their credentials; the registry stores them untyped (credentials are parsed by their schema). */
const untyped = (a: unknown) => a as VendorAdapter<never>;

/**
 * Registers every vendor adapter. Import this module (once, for its side effect) wherever adapters are looked
 * up through the registry: the poll cron, setup routes, scripts.
 */
registerAdapter(untyped(selectronicAdapter));

export { getAdapter, listAdapters } from "./registry";
