import Link from "next/link";
import { Button } from "@/components/ui/button";

/** 404 for unknown pages and for systems the user cannot see (no hint whether they exist). */
export default function NotFound() {
  return (
    <main className="container flex max-w-xl flex-col items-start gap-4 py-20">
      <p className="text-sm font-medium text-muted-foreground">404</p>
      <h1 className="text-3xl font-bold tracking-tight">Page not found</h1>
      <p className="text-muted-foreground">
        There is nothing here, or you do not have access to it. If someone shared a system with you, ask them to check
        the link.
      </p>
      <Button asChild>
        <Link href="/dashboard">Go to your dashboard</Link>
      </Button>
    </main>
  );
}
