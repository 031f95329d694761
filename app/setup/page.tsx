import type { Metadata } from "next";
import { SetupWizard } from "@/components/setup/setup-wizard";
import { requirePageUser } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Add a system" };

/** /setup: the wizard that adds a system with the vendor's credentials (signed-in users). */
export default async function SetupPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("/setup");
  const q = await searchParams;
  const one = (k: string) => (typeof q[k] === "string" ? (q[k] as string).slice(0, 300) : undefined);
  const returned = { vendor: one("vendor"), pending: one("pending"), error: one("error"), message: one("message") };
  return (
    <main className="container max-w-4xl space-y-6 py-6 sm:py-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Add a system</h1>
        <p className="text-muted-foreground">
          Connect your inverter, battery or retailer account. We check the connection before anything is saved, and your
          password is stored encrypted.
        </p>
      </div>
      <SetupWizard returned={returned} />
    </main>
  );
}
