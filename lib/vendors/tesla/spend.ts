import "server-only";
import { callsLeft, quotaAccountKey, reserveCalls, teslaAppKey, teslaLimits } from "../quota";

/**
 * Tesla's API spend: every priced request (vehicle data; we never send wake-ups or commands) is counted before it
 * is sent, per Tesla account (the sign-in grant) and for the application as a whole, whose monthly credit it is
 * spent against. The ledger refuses (RATE_LIMITED) once the credit is used up; before that, polling slows down.
 */
export interface SpendMeter {
  /** Counts one priced request of the account `grant`; throws RATE_LIMITED when the month's credit is used up. */
  reserve(grant: string | undefined, now: Date): Promise<void>;
  /** The share (0..1) of this month's credit already spent by the application. */
  usedShare(now: Date): Promise<number>;
}

/** The database meter (vendor quota ledger, vendor "tesla"). */
export const dbSpendMeter: SpendMeter = {
  async reserve(grant, now) {
    const limits = teslaLimits();
    const entries = [{ accountKey: teslaAppKey(), limits }];
    if (grant) entries.push({ accountKey: quotaAccountKey(`tesla-account:${grant}`), limits });
    await reserveCalls("tesla", entries, now);
  },
  async usedShare(now) {
    const month = (await callsLeft("tesla", teslaAppKey(), now, teslaLimits())).find((w) => w.period === "month");
    return month && month.limit > 0 ? month.used / month.limit : month ? 1 : 0;
  },
};

/**
 * How much longer vehicle polls are spaced as the month's credit is spent: normal below half, then 2×, 4× and 8×
 * from 90 % (at 100 % the ledger refuses every request until the month turns).
 */
export function spendStretch(share: number): number {
  if (share < 0.5) return 1;
  if (share < 0.75) return 2;
  if (share < 0.9) return 4;
  return 8;
}
