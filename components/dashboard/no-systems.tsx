import Link from "next/link";
import { PlugZap } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** Shown on /dashboard when the user owns no systems and none are shared with them. */
export function NoSystems() {
  return (
    <main className="container max-w-2xl py-12">
      <Card data-testid="no-systems" className="flex flex-col items-center gap-4 p-8 text-center">
        <PlugZap className="size-10 text-solar" aria-hidden="true" />
        <h1 className="text-2xl font-bold tracking-tight">No systems yet</h1>
        <p className="text-muted-foreground">
          Add your inverter or battery with its vendor login or API key. The first readings arrive within a minute. If
          someone else owns the system, ask them to share it with you.
        </p>
        <Button asChild>
          <Link href="/setup">Add a system</Link>
        </Button>
      </Card>
    </main>
  );
}
