import "server-only";
import { registerAdapter } from "./registry";
import { selectronicAdapter } from "./selectronic/adapter";
import { compositeAdapter } from "./composite/adapter";
/**
 * Registers every vendor adapter. Import this module (once, for its side effect) wherever adapters are looked
 * up through the registry: the poll cron, setup routes, scripts.
 */
registerAdapter(selectronicAdapter);
registerAdapter(compositeAdapter);

export { getAdapter, listAdapters } from "./registry";
