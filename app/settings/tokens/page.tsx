import type { Metadata } from "next";
import { TokensManager } from "@/components/tokens/tokens-manager";
import { requirePageUser } from "@/lib/auth/page";
import { listVisibleSystems } from "@/lib/dashboard/systems";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API tokens" };

/** /settings/tokens: the signed-in user's personal API tokens (docs/api.md, "API tokens"). */
export default async function TokensPage() {
  const user = await requirePageUser("/settings/tokens");
  // Tokens never carry platform-admin powers, so an admin picks among their own and shared systems only.
  const systems = (await listVisibleSystems(user)).filter((s) => s.status !== "removed" && s.role !== "platform-admin");
  return (
    <main className="container max-w-3xl space-y-6 py-6 sm:py-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight">API tokens</h1>
        <p className="text-sm text-muted-foreground">
          A token lets a script, Home Assistant or Prometheus read your systems with{" "}
          <code>Authorization: Bearer sm_…</code>. It can do only what its scopes allow, on the systems you choose,
          until it expires or you revoke it. The routes and examples are in docs/api.md.
        </p>
      </div>
      <TokensManager systems={systems.map((s) => ({ id: s.id, displayName: s.displayName }))} />
    </main>
  );
}
