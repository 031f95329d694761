export { listVendorOptions, requireAdapter, parseCredentials, toVendorOption } from "./vendors";
export { checkConnection, toLatestValue, toApiError, type ConnectionCheck } from "./test-connection";
export { createSystem } from "./create-system";
export { updateSystemSettings, removeSystem } from "./update-system";
export { listSystemPoints, updatePoint } from "./points";
export { loadSystemSettings, ownerSummary, toSettings } from "./read";
export { isComputedSystem } from "./computed";
export {
  registerCreateHook,
  unregisterCreateHook,
  runCreateHook,
  defaultPushHook,
  type CreateHook,
  type CreateHookInput,
  type CreateHookOutput,
} from "./create-hooks";
export * from "./schemas";
export * from "./fields";
export type * from "./contracts";
