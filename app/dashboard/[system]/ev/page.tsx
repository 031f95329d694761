import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EvSessions } from "@/components/ev/ev-sessions";
import { getSystemAccess } from "@/lib/auth";
import { requirePageUser } from "@/lib/auth/page";
import { localDayOf } from "@/lib/format";
import { isValidTimezone } from "@/lib/time/zones";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Charging sessions" };

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** /dashboard/[system]/ev: the system's charging sessions with filters, monthly summary and CSV; 404 if unreadable. */
export default async function ChargingSessionsPage({ params }: { params: Promise<{ system: string }> }) {
  const ref = safeDecode((await params).system);
  const user = await requirePageUser(`/dashboard/${encodeURIComponent(ref)}/ev`);
  const access = await getSystemAccess(user, ref);
  if (!access) notFound();
  const { system } = access;
  const zone = isValidTimezone(system.displayTimezone) ? system.displayTimezone : "UTC";
  return (
    <main className="container space-y-6 py-6 sm:py-8" data-system-id={system.id}>
      <div>
        <Link href={`/dashboard/${system.id}`} className="text-sm underline underline-offset-4">
          Back to {system.displayName}
        </Link>
        <h1 className="mt-2 text-2xl font-bold tracking-tight sm:text-3xl">Charging sessions</h1>
        <p className="text-sm text-muted-foreground">
          {system.displayName} · {zone}
        </p>
      </div>
      <EvSessions systemId={system.id} zone={zone} today={localDayOf(Date.now(), zone)} />
    </main>
  );
}
