import type { Metadata } from "next";
import { SignIn, SignOutButton } from "@clerk/nextjs";
import { Button } from "@/components/ui/button";
import { LocalSignInList } from "@/components/auth/local-sign-in-list";
import { listSignInChoices } from "@/lib/auth/local-sign-in";
import { getPageUser } from "@/lib/auth/page";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in · Solar Monitor" };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Clerk's sign-in in Clerk mode; the local user picker otherwise. */
export default async function SignInPage({ searchParams }: Props) {
  const raw = (await searchParams).redirect_url;
  const redirectTo = safeRedirectPath(Array.isArray(raw) ? raw[0] : raw);

  if (getEnv().AUTH_MODE === "clerk") {
    const { isClerkSessionDisabled } = await import("@/lib/auth/clerk");
    if (await isClerkSessionDisabled()) {
      return (
        <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 p-4">
          <h1 className="text-2xl font-semibold">This account is disabled</h1>
          <p className="text-sm text-muted-foreground">
            A platform admin disabled it. Ask them to enable it again, or sign out and use another account.
          </p>
          <SignOutButton>
            <Button variant="outline">Sign out</Button>
          </SignOutButton>
        </main>
      );
    }
    return (
      <main className="flex min-h-screen items-center justify-center p-4">
        <SignIn path="/sign-in" fallbackRedirectUrl={redirectTo} />
      </main>
    );
  }

  const [users, current] = await Promise.all([listSignInChoices(), getPageUser()]);
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 p-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Sign in</h1>
        <p className="text-sm text-muted-foreground">
          Local sign-in: pick who you are. Production deployments sign in with Clerk instead.
        </p>
      </div>
      <LocalSignInList users={users} redirectTo={redirectTo} currentUserId={current?.userId} />
    </main>
  );
}
