"use client";

import { Card } from "@/components/ui/card";
import type { CostFigures, CostsResponse, LifetimeCarbon } from "@/lib/costs/types";
import { moneyCardFigures, moneyCardUrl, type KnownPart } from "@/lib/dashboard/money-view";
import { formatMoney } from "@/lib/tariffs/money";
import { HISTORY_REFRESH_MS } from "./use-period-data";
import { usePolledJson } from "./use-polled-json";

const kg = (g: number | null) => (g === null ? "—" : `${(g / 1000).toFixed(1)} kg`);

function Figure({
  label,
  cents,
  currency,
  testId,
  hint,
}: {
  label: string;
  cents: number | null;
  currency: string;
  testId: string;
  hint?: string;
}) {
  return (
    <div className="flex items-baseline justify-between gap-3 py-1" title={hint}>
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="font-medium tabular-nums" data-testid={testId} data-cents={cents ?? ""}>
        {formatMoney(cents, currency)}
      </dd>
    </div>
  );
}

function Savings({
  f,
  when,
  currency,
  methods,
  testId,
}: {
  f: CostFigures | null;
  when: string;
  currency: string;
  methods: CostsResponse["methods"];
  testId: string;
}) {
  return (
    <>
      <Figure
        label={`Saved vs no system (${when})`}
        cents={f?.savings.vsNoSystemCents ?? null}
        currency={currency}
        testId={`${testId}-saved`}
        hint={methods.noSolarNoBattery}
      />
      <Figure
        label={`Saved by the battery (${when})`}
        cents={f?.savings.batteryCents ?? null}
        currency={currency}
        testId={`${testId}-saved-battery`}
        hint={methods.solarNoBattery}
      />
    </>
  );
}

function Carbon({ f, when, hint, testId }: { f: CostFigures | null; when: string; hint: string; testId: string }) {
  return (
    <div className="flex items-baseline justify-between gap-3 py-1" title={hint}>
      <dt className="text-sm text-muted-foreground">Carbon {when}: emitted · avoided</dt>
      <dd className="font-medium tabular-nums" data-testid={`${testId}-carbon`} data-g={f?.carbon.importG ?? ""}>
        {kg(f?.carbon.importG ?? null)} · {kg(f?.carbon.avoidedG ?? null)}
      </dd>
    </div>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * A total that is unknown because some intervals are: the known days' net, marked with what was left out. The
 * figure's data-cents stays empty (the total is unknown); data-known-cents carries the known part.
 */
function KnownFigure({
  label,
  part,
  currency,
  testId,
}: {
  label: string;
  part: KnownPart;
  currency: string;
  testId: string;
}) {
  const left = `${plural(part.unknownIntervals, "interval")} unknown: ${plural(part.unknownDays, "day")} not counted`;
  return (
    // A <dl> group holds only its <dt> and <dd>s: the note is a second <dd> on its own row of the grid.
    <div className="grid grid-cols-[1fr_auto] items-baseline gap-x-3 py-1">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd
        className="font-medium tabular-nums"
        data-testid={testId}
        data-cents=""
        data-known-cents={part.netCents ?? ""}
      >
        {part.netCents === null ? "—" : `${formatMoney(part.netCents, currency)} known`}
      </dd>
      <dd className="col-span-2 text-right text-xs text-muted-foreground" data-testid={`${testId}-unknown`}>
        {left}
      </dd>
    </div>
  );
}

function LifetimeCarbonFigure({ c, hint }: { c: LifetimeCarbon | undefined; hint: string }) {
  if (!c || c.days === 0) return null;
  return (
    <div className="grid grid-cols-[1fr_auto] items-baseline gap-x-3 py-1" title={hint}>
      <dt className="text-sm text-muted-foreground">Carbon since {c.from}: emitted · avoided</dt>
      <dd className="font-medium tabular-nums" data-testid="money-lifetime-carbon" data-g={c.importG ?? ""}>
        {kg(c.importG)} · {kg(c.avoidedG)}
      </dd>
      {c.unknownDays > 0 && (
        <dd className="col-span-2 text-right text-xs text-muted-foreground" data-testid="money-lifetime-carbon-unknown">
          {plural(c.unknownDays, "day")} with unknown energy not counted
        </dd>
      )}
    </div>
  );
}

/**
 * Money at a glance from the server's costs (the same intervals as the energy accounts): today, this month, the
 * bill so far and projected, savings and carbon. Unknown figures show "—", never $0.00.
 */
export function MoneyCard({ systemId, today }: { systemId: number; today: string }) {
  const { data, error } = usePolledJson<CostsResponse>(moneyCardUrl(systemId, today), HISTORY_REFRESH_MS);
  if (!data) {
    return (
      <Card
        className="p-4 text-sm text-muted-foreground"
        data-testid="money-card"
        data-state={error ? "error" : "loading"}
      >
        {error ? `Costs unavailable: ${error}` : "Loading costs…"}
      </Card>
    );
  }
  const f = moneyCardFigures(data, today);
  const { currency } = f;
  return (
    <Card className="space-y-3 p-4" data-testid="money-card" data-state="ready">
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-medium">Money and carbon</h3>
        {f.month.estimated && (
          <span className="text-xs text-muted-foreground" data-testid="money-estimated">
            includes estimated energy
          </span>
        )}
      </div>
      <dl className="divide-y">
        <Figure label="Today so far (net)" cents={f.today?.netCents ?? null} currency={currency} testId="money-today" />
        {f.monthKnown ? (
          <KnownFigure label="This month (net)" part={f.monthKnown} currency={currency} testId="money-month" />
        ) : (
          <Figure label="This month (net)" cents={f.month.netCents} currency={currency} testId="money-month" />
        )}
        {f.bill && (
          <>
            <Figure
              label={`Bill so far (from ${f.bill.start})`}
              cents={f.bill.soFar.netCents}
              currency={currency}
              testId="money-bill-so-far"
            />
            <Figure
              label={`Bill projected (to ${f.bill.end})`}
              cents={f.bill.projectedNetCents}
              currency={currency}
              testId="money-bill-projected"
              hint="The days so far, and the rest of the period at their average"
            />
            {f.bill.actualCents !== null && (
              <Figure
                label="Actual bill − estimate"
                cents={f.bill.differenceCents}
                currency={currency}
                testId="money-bill-difference"
              />
            )}
          </>
        )}
        <Savings f={f.today} when="today" currency={currency} methods={data.methods} testId="money-today" />
        <Savings f={f.month} when="this month" currency={currency} methods={data.methods} testId="money-month" />
        <Carbon f={f.today} when="today" hint={data.methods.carbon} testId="money-today" />
        <Carbon f={f.month} when="this month" hint={data.methods.carbon} testId="money-month" />
        <LifetimeCarbonFigure c={data.lifetimeCarbon} hint={data.methods.carbon} />
      </dl>
      {data.warnings.length > 0 && (
        <ul className="space-y-0.5 text-xs text-muted-foreground" data-testid="money-warnings">
          {data.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <details className="text-xs text-muted-foreground">
        <summary className="cursor-pointer">How these are computed</summary>
        <ul className="mt-1 list-disc space-y-0.5 pl-4">
          <li>{data.methods.noSolarNoBattery}</li>
          <li>{data.methods.solarNoBattery}</li>
          <li>{data.methods.demand}</li>
          <li>
            {data.methods.carbon} Factor: {data.carbonRegion.label}, {data.carbonRegion.kgPerKwh} kg CO2-e/kWh (
            {data.carbonRegion.source}).
          </li>
          <li>{data.methods.unknown}</li>
          <li>
            A month with unknown intervals shows the net of its known days, marked &quot;known&quot;, with the intervals
            and days left out; the month&apos;s total itself stays unknown.
          </li>
        </ul>
      </details>
    </Card>
  );
}
