/**
 * Costs, savings and carbon (issue #17), server side. Client components import types from "@/lib/costs/types"
 * only. See docs/architecture.md "Costs".
 */
export * from "./types";
export { getCosts, COST_METHODS, type CostsRequest } from "./get-costs";
export { costsAfterDaily, accountsAndCostsAfterDaily, regenerateAccountsAndCosts, writeDailyCosts } from "./job";
