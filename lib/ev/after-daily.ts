import "server-only";
import { accountsAndCostsAfterDaily, regenerateAccountsAndCosts } from "@/lib/costs";
import { sessionsAfterDaily } from "./sessions";

type Written = Array<{ systemId: number; days: string[] }>;

/** Sessions follow the accounts; a failure here is logged and never fails the daily job (reads recompute). */
async function sessionsStep(written: Written, nowMs: number): Promise<void> {
  try {
    await sessionsAfterDaily(written, nowMs);
  } catch (err) {
    console.error(
      JSON.stringify({ level: "error", message: "charging sessions after daily failed", error: String(err) }),
    );
  }
}

/** The daily job's step after the aggregates: the days' energy accounts and costs, then their charging sessions. */
export async function accountsAndSessionsAfterDaily(written: Written, nowMs = Date.now()): Promise<number> {
  const rows = await accountsAndCostsAfterDaily(written, nowMs);
  await sessionsStep(written, nowMs);
  return rows;
}

/** regenerate's step: exactly the days given, accounts and costs, then sessions. */
export async function regenerateAccountsAndSessions(written: Written, nowMs: number): Promise<number> {
  const rows = await regenerateAccountsAndCosts(written, nowMs);
  await sessionsStep(written, nowMs);
  return rows;
}
