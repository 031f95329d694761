import { AlertTriangle, Clock } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";

/** Four card-shaped placeholders, stacked on phones, while the first live values load. */
export function LiveCardsSkeleton() {
  return (
    <div role="status" aria-label="Loading live values" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {[0, 1, 2, 3].map((i) => (
        <Card key={i} className="space-y-3 p-4">
          <Skeleton className="h-4 w-20" />
          <Skeleton className="h-8 w-28" />
          <Skeleton className="h-3 w-16" />
        </Card>
      ))}
    </div>
  );
}

/** A failed request: the API's message, and a retry button when one is given. */
export function ErrorPanel({
  title,
  message,
  onRetry,
  className,
}: {
  title: string;
  message: string;
  onRetry?: () => void;
  className?: string;
}) {
  return (
    <Card
      role="alert"
      className={cn("flex flex-col items-start gap-3 border-destructive/50 p-4 sm:flex-row sm:items-center", className)}
    >
      <AlertTriangle className="size-5 shrink-0 text-destructive" aria-hidden="true" />
      <div className="flex-1">
        <p className="font-medium">{title}</p>
        <p data-testid="error-message" className="text-sm text-muted-foreground">
          {message}
        </p>
      </div>
      {onRetry && (
        <Button type="button" variant="outline" size="sm" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Card>
  );
}

/** A friendly "nothing here yet" box. */
export function EmptyPanel({
  title,
  children,
  testId,
  className,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <Card
      data-testid={testId}
      className={cn("flex flex-col items-center gap-2 border-dashed p-8 text-center", className)}
    >
      <Clock className="size-6 text-muted-foreground" aria-hidden="true" />
      <p className="font-medium">{title}</p>
      <div className="max-w-md text-sm text-muted-foreground">{children}</div>
    </Card>
  );
}
