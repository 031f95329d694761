/**
 * Energy accounts (issue #16), server side. Client components import types from "@/lib/accounts/types" only;
 * route handlers and server components call the functions here. See docs/architecture.md "Energy accounts".
 */
export * from "./types";
export { getEnergyAccounts, getIntervalAccounts } from "./get-accounts";
export { accountsAfterDaily, regenerateAccounts, clearDailyAccounts } from "./days";
