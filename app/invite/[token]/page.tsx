import type { Metadata } from "next";
import Link from "next/link";
import { InviteResponse } from "@/components/sharing/invite-response";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { ApiError } from "@/lib/api/errors";
import { requirePageUser } from "@/lib/auth/page";
import { previewInvitation, type InvitationPreview } from "@/lib/sharing";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

/** /invite/[token]: the invitee signs in, sees what is shared with them, and accepts or declines. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await requirePageUser(`/invite/${token}`);
  let preview: InvitationPreview | null = null;
  let problem: string | null = null;
  try {
    preview = await previewInvitation(token, user.userId);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    problem = err.message;
  }
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col justify-center p-4">
      <Card>
        <CardHeader>
          <h1 className="text-xl font-semibold leading-none tracking-tight">
            {preview ? `Join “${preview.systemName}”` : "Invitation"}
          </h1>
          {preview ? (
            <CardDescription>
              {preview.invitedBy} invited you as{" "}
              {preview.role === "admin" ? "an admin (may change settings)" : "a viewer"}. The link works once, until{" "}
              {new Date(preview.expiresAt).toISOString().slice(0, 10)}.
            </CardDescription>
          ) : null}
        </CardHeader>
        <CardContent>
          {preview ? (
            <InviteResponse token={token} />
          ) : (
            <div className="space-y-3 text-sm">
              <p role="alert">{problem}</p>
              <Link href="/dashboard" className="underline">
                Go to your dashboard
              </Link>
            </div>
          )}
        </CardContent>
      </Card>
    </main>
  );
}
