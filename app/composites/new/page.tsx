import type { Metadata } from "next";
import { CompositeEditor } from "@/components/composite/composite-editor";
import { requirePageUser } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New composite" };

/** /composites/new: create a composite over points of the user's readable systems. */
export default async function NewCompositePage() {
  await requirePageUser("/composites/new");
  return (
    <main className="container mx-auto max-w-4xl space-y-6 px-4 py-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Add a composite</h1>
        <p className="text-sm text-muted-foreground">
          One view over points of your other systems, added up by category; it is computed, never polled.
        </p>
      </div>
      <CompositeEditor />
    </main>
  );
}
