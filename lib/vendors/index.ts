import "server-only";
import { registerAdapter } from "./registry";
import { selectronicAdapter } from "./selectronic/adapter";
import { amberAdapter } from "./amber/adapter";
import { froniusAdapter } from "./fronius/adapter";
import { mondoAdapter } from "./mondo/adapter";
import { enphaseAdapter } from "./enphase/adapter";
import { solarEdgeAdapter } from "./solaredge/adapter";
import { compositeAdapter } from "./composite/adapter";
import { teslaAdapter } from "./tesla/adapter";
/**
 * Registers every vendor adapter. Import this module (once, for its side effect) wherever adapters are looked
 * up through the registry: the poll cron, setup routes, scripts.
 */
registerAdapter(selectronicAdapter);
registerAdapter(amberAdapter);
registerAdapter(froniusAdapter);
registerAdapter(mondoAdapter);
registerAdapter(enphaseAdapter);
registerAdapter(solarEdgeAdapter);
registerAdapter(teslaAdapter);
registerAdapter(compositeAdapter);

export {
  getAdapter,
  getPollAdapter,
  getPushAdapter,
  isVirtualVendor,
  listAdapters,
  vendorDisplayName,
  virtualVendorTypes,
} from "./registry";
