import "server-only";
import { ApiError } from "@/lib/api/errors";
import { planForDay } from "@/lib/tariffs/calendar";
import { plansOf } from "./job";
import { billOf } from "./settle";
import { saveBillActual } from "./store";

/**
 * Stores the actual bill of a billing period (whole cents) or removes it (null). 400 unless `periodStart` is the
 * first day of a billing period of the plan in force that day; nothing is written then.
 */
export async function saveActualBill(
  systemId: number,
  periodStart: string,
  amountCents: number | null,
  userId: string | null,
): Promise<{ periodStart: string; amountCents: number | null }> {
  const plans = (await plansOf(systemId)).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const plan = planForDay(plans, periodStart);
  if (!plan) throw new ApiError("BAD_REQUEST", "No tariff plan covers that day: add a plan before entering a bill");
  const bill = billOf(plans, plan, periodStart);
  if (bill.start !== periodStart) {
    throw new ApiError(
      "BAD_REQUEST",
      `That day is not the start of a billing period (the period starts ${bill.start})`,
    );
  }
  await saveBillActual(systemId, periodStart, amountCents, userId);
  return { periodStart, amountCents };
}
