import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { CompositeEditor } from "@/components/composite/composite-editor";
import { getSystemAccess } from "@/lib/auth";
import { requirePageUser } from "@/lib/auth/page";
import { getCompositeDetail, type CompositeDetail } from "@/lib/composite";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit composite" };

/** /composites/[system]: edit a composite's mapping (system admins and owners); others get 404 or 403. */
export default async function EditCompositePage({ params }: { params: Promise<{ system: string }> }) {
  const { system } = await params;
  const ref = decodeURIComponent(system);
  const user = await requirePageUser(`/composites/${encodeURIComponent(ref)}`);
  const access = /^[A-Za-z0-9_]{1,40}$/.test(ref) ? await getSystemAccess(user, ref) : null;
  if (!access) notFound();
  if (!access.canWrite) forbidden();
  let detail: CompositeDetail;
  try {
    detail = await getCompositeDetail(access);
  } catch {
    notFound(); // not a composite
  }
  return (
    <main className="container mx-auto max-w-4xl space-y-6 px-4 py-6">
      <CompositeEditor initial={detail} />
    </main>
  );
}
