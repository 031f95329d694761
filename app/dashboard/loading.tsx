import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { LiveCardsSkeleton } from "@/components/dashboard/state-panels";

/** Placeholder while the dashboard's server part (user, systems) loads: header, live cards, period bar, charts. */
export default function DashboardLoading() {
  return (
    <main className="container space-y-8 py-6 sm:py-8" aria-busy="true">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="space-y-2">
          <Skeleton className="h-8 w-56" />
          <Skeleton className="h-4 w-40" />
        </div>
        <Skeleton className="h-10 w-full sm:w-72" />
      </div>
      <LiveCardsSkeleton />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="space-y-2">
          <Skeleton className="h-6 w-64" />
          <Skeleton className="h-4 w-48" />
        </div>
        <Skeleton className="h-9 w-full sm:w-96" />
      </div>
      <Card className="p-4">
        <Skeleton className="h-72 w-full sm:h-80" />
      </Card>
      <div className="grid gap-8 lg:grid-cols-2">
        <Card className="p-4">
          <Skeleton className="h-64 w-full" />
        </Card>
        <Card className="p-4">
          <Skeleton className="h-64 w-full" />
        </Card>
      </div>
    </main>
  );
}
