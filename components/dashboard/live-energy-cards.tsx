import { Home, UtilityPole } from "lucide-react";
import type { AccountFlow, AccountsCore } from "@/lib/accounts/types";
import { formatEnergy } from "@/lib/format";
import { LiveCard, LiveNumber } from "./live-card";
import type { CardContext } from "./live-cards-parts";

const CARDS: Array<{
  key: string;
  title: string;
  icon: typeof Home;
  accent: string;
  main: AccountFlow;
  word: string;
  other?: [AccountFlow, string];
}> = [
  {
    key: "grid",
    title: "Grid today",
    icon: UtilityPole,
    accent: "text-grid",
    main: "gridImport",
    word: "bought",
    other: ["gridExport", "sent"],
  },
  { key: "load", title: "Home today", icon: Home, accent: "text-load", main: "load", word: "used" },
];

/**
 * Cards for a system that reports energy but no power (a retailer with interval data): today's energy so far from the
 * server's accounts, aged by the newest reading, instead of an empty "Right now".
 */
export function EnergyOnlyCards({
  today,
  measuredAtMs,
  ctx,
}: {
  today: AccountsCore;
  measuredAtMs: number;
  ctx: CardContext;
}) {
  const shown = CARDS.filter(
    (c) => today.flows[c.main].wh !== null || (c.other && today.flows[c.other[0]].wh !== null),
  );
  if (!shown.length) return null;
  return (
    <>
      {shown.map((c) => (
        <LiveCard
          key={c.key}
          title={c.title}
          icon={c.icon}
          accent={c.accent}
          measuredAtMs={measuredAtMs}
          testId={`card-${c.key}-energy`}
          {...ctx}
        >
          <LiveNumber testId={`live-${c.key}-energy`} rawValue={today.flows[c.main].wh ?? NaN}>
            {formatEnergy(today.flows[c.main].wh)}{" "}
            <span className="text-base font-normal text-muted-foreground">{c.word}</span>
          </LiveNumber>
          {c.other && (
            <p className="text-sm text-muted-foreground">
              <span className="font-medium text-foreground tabular-nums">
                {formatEnergy(today.flows[c.other[0]].wh)}
              </span>{" "}
              {c.other[1]}
            </p>
          )}
          <p className="text-xs text-muted-foreground">No power readings: energy arrives with each meter reading.</p>
        </LiveCard>
      ))}
    </>
  );
}
