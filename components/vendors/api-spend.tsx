import type { ApiSpend } from "@/lib/vendors/quota";
import { cn } from "@/lib/utils";

const usd = (v: number) => `$${v.toFixed(2)}`;

/**
 * This month's spend of a vendor billed per call against its monthly credit: one line of text, and with
 * `meter` a bar (a native meter, so assistive technology reads the same figures).
 */
export function ApiSpendMeter({
  spend,
  meter = false,
  className,
}: {
  spend: ApiSpend;
  meter?: boolean;
  className?: string;
}) {
  const text = `${usd(spend.usedUsd)} of ${usd(spend.creditUsd)} credit spent`;
  return (
    <div className={cn("text-xs text-muted-foreground", className)} data-testid="api-spend">
      {meter && (
        <meter
          className="mb-1 block h-2 w-full max-w-xs"
          min={0}
          max={spend.creditUsd || 1}
          low={(spend.creditUsd || 1) * 0.5}
          high={(spend.creditUsd || 1) * 0.9}
          optimum={0}
          value={Math.min(spend.usedUsd, spend.creditUsd || 1)}
          aria-label={text}
        />
      )}
      {text}
    </div>
  );
}
