import { CheckCircle2 } from "lucide-react";
import { formatValue } from "@/lib/format";
import type { TestConnectionResponse } from "@/lib/systems/contracts";

/** What a connection test found: the account's sites, the tested site's details and its latest values. */
export function ConnectionResults({ result }: { result: TestConnectionResponse }) {
  const tested = result.sites.find((s) => s.vendorSiteId === result.testedSiteId);
  const info = result.systemInfo;
  const details = [
    ["Model", info?.model],
    ["Serial", info?.serial],
    ["Ratings", info?.ratings],
    ["Solar", info?.solarSize],
    ["Battery", info?.batterySize],
    ["Time zone", info?.timezone],
    ["Location", info?.location?.address],
  ].filter((d): d is [string, string] => Boolean(d[1]));
  const numeric = result.latest.filter((v) => v.value !== null || v.valueStr);
  return (
    <section aria-labelledby="found-heading" data-testid="connection-results" className="space-y-4">
      <h2 id="found-heading" className="flex items-center gap-2 font-semibold">
        <CheckCircle2 className="size-5 text-green-600" aria-hidden="true" />
        Connected: {result.sites.length} {result.sites.length === 1 ? "site" : "sites"} found
      </h2>
      {tested && (
        <div className="space-y-2 text-sm">
          <p>
            Checked <span className="font-medium">{tested.name}</span> ({tested.vendorSiteId})
          </p>
          {details.length > 0 && (
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              {details.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-muted-foreground">{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      )}
      {numeric.length > 0 && (
        <div className="space-y-2">
          <h3 className="text-sm font-medium">Latest values</h3>
          <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3" data-testid="latest-values">
            {numeric.map((v) => (
              <li key={`${v.path}-${v.displayName}`} className="rounded-md border p-2">
                <p className="truncate text-xs text-muted-foreground" title={v.path ?? undefined}>
                  {v.displayName}
                </p>
                <p className="font-semibold tabular-nums">
                  {v.value !== null ? formatValue(v.value, v.unit) : v.valueStr}
                </p>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
