import Link from "next/link";

/** "You don't have access": the 403 answer of admin-only pages, and the /forbidden page. */
export function ForbiddenNotice() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 p-4">
      <h1 className="text-2xl font-semibold">You don&apos;t have access to that page</h1>
      <p className="text-sm text-muted-foreground">
        It is for platform admins, or for the system&apos;s owners and admins. If you think you should have access, ask
        them, or sign in as someone else.
      </p>
      <div className="flex gap-4 text-sm font-medium">
        <Link href="/dashboard" className="underline-offset-4 hover:underline">
          Go to your dashboard
        </Link>
        <Link href="/sign-in" className="underline-offset-4 hover:underline">
          Switch user
        </Link>
      </div>
    </main>
  );
}
