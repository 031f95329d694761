import "server-only";
import type { EnergyAccountsRequest, EnergyAccountsResponse, IntervalAccounts } from "./types";

/**
 * The accounts of a system (plain or composite) for a period: one row per local day, month or year (or one
 * lifetime row) in [from, to], plus their total. Ended days come from the stored `energy_daily` rows; today is
 * computed on read from the 5-minute aggregates (open tail included). 404-style ApiError for an unknown system,
 * 400 for a bad range.
 */
export async function getEnergyAccounts(req: EnergyAccountsRequest): Promise<EnergyAccountsResponse> {
  void req;
  throw new Error("getEnergyAccounts: not implemented yet");
}

/**
 * The 5-minute accounts of intervals ending in (fromMs, toMs] (toMs capped at now: intervals in progress are
 * never included), from the stored 5-minute aggregates and the ended intervals not stored yet.
 */
export async function getIntervalAccounts(systemId: number, fromMs: number, toMs: number): Promise<IntervalAccounts> {
  void systemId;
  void fromMs;
  void toMs;
  throw new Error("getIntervalAccounts: not implemented yet");
}
