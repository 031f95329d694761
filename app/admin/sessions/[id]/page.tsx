import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { formatUtc } from "@/components/admin/format";
import { SessionOutcome } from "@/components/admin/sessions-table";
import { getSessionDetail } from "@/lib/admin";
import { ApiError } from "@/lib/api/errors";
import { requirePageAdmin } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin · Session" };

/** /admin/sessions/[id]: one session and its scrubbed vendor response. */
export default async function AdminSessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageAdmin(`/admin/sessions/${id}`);
  if (!/^\d{1,15}$/.test(id)) notFound();
  const s = await getSessionDetail(Number(id)).catch((e) => {
    if (e instanceof ApiError && e.status === 404) notFound();
    throw e;
  });
  const facts: Array<[string, ReactNode]> = [
    [
      "System",
      <Link
        key="s"
        href={`/admin/sessions?systemId=${s.systemId}`}
        className="underline"
      >{`${s.systemName ?? "?"} (#${s.systemId})`}</Link>,
    ],
    ["Vendor", s.vendorType],
    ["Cause", s.cause],
    ["Started", formatUtc(s.started)],
    ["Duration", `${s.durationMs} ms`],
    ["Result", <SessionOutcome key="r" s={s} />],
    ["Rows written", s.numRows],
    ["Label", s.label ?? "—"],
    ["Error", s.error ?? "—"],
  ];
  return (
    <section className="space-y-4">
      <h2 className="text-lg font-semibold">Session #{s.id}</h2>
      <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm">
        {facts.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-muted-foreground">{k}</dt>
            <dd className="break-words">{v}</dd>
          </div>
        ))}
      </dl>
      <h3 className="font-medium">Vendor response (secrets redacted)</h3>
      <pre
        className="max-h-[32rem] overflow-auto rounded-md border bg-muted p-3 text-xs"
        data-testid="session-response"
      >
        {s.response === null
          ? "No response stored (none received, or cleared by retention)."
          : JSON.stringify(s.response, null, 2)}
      </pre>
    </section>
  );
}
