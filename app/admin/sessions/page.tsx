import type { Metadata } from "next";
import Link from "next/link";
import { SessionsFilters, type SessionFilterValues } from "@/components/admin/sessions-filters";
import { SessionsTable } from "@/components/admin/sessions-table";
import { listAdminSystems, listSessions, sessionsQuerySchema } from "@/lib/admin";
import { requirePageAdmin } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin · Sessions" };

type Search = Record<string, string | string[] | undefined>;

// datetime-local inputs send no zone; the form labels them UTC, so read them as UTC.
const asUtc = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v) ? `${v}Z` : v);

/** /admin/sessions: the poll/push/test log with filters, sort and keyset pages. */
export default async function AdminSessionsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePageAdmin("/admin/sessions");
  const raw = Object.fromEntries(
    Object.entries(await searchParams).flatMap(([k, v]) => (typeof v === "string" && v !== "" ? [[k, v]] : [])),
  ) as Record<string, string>;
  const parsed = sessionsQuerySchema.safeParse({ ...raw, from: asUtc(raw.from), to: asUtc(raw.to) });
  const vendors = [...new Set((await listAdminSystems()).map((s) => s.vendorType))].sort();
  const page = parsed.success ? await listSessions(parsed.data) : null;
  const { cursor, ...filters } = raw;
  const first = new URLSearchParams(filters).toString();
  return (
    <section className="space-y-4">
      <SessionsFilters values={raw as SessionFilterValues} vendors={vendors} />
      {!parsed.success ? (
        <p role="alert" className="text-sm text-destructive">
          {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
        </p>
      ) : null}
      {page ? <SessionsTable rows={page.sessions} /> : null}
      <div className="flex gap-4 text-sm">
        {cursor ? (
          <Link href={`/admin/sessions?${first}`} className="underline">
            First page
          </Link>
        ) : null}
        {page?.nextCursor ? (
          <Link
            href={`/admin/sessions?${new URLSearchParams({ ...filters, cursor: page.nextCursor })}`}
            className="underline"
            data-testid="sessions-next"
          >
            Next page
          </Link>
        ) : null}
      </div>
    </section>
  );
}
