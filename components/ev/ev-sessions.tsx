"use client";

import { useState } from "react";
import { Download } from "lucide-react";
import { usePolledJson } from "@/components/dashboard/use-polled-json";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ChargingSession, ChargingSessionsResponse, SessionLocation } from "@/lib/ev/types";
import { formatDateTime } from "@/lib/format";
import { formatMoney } from "@/lib/tariffs/money";
import { EvMonthSummaryTable } from "./ev-month-summary";
import { EvTable, type EvColumn } from "./ev-table";
import {
  chargerText,
  formatDuration,
  formatEmissions,
  formatEnergy,
  formatPercent,
  formatPower,
  LOCATION_LABEL,
} from "./format";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The sessions table's columns (times in the system's zone). */
const sessionColumns = (zone: string): EvColumn<ChargingSession>[] => [
  {
    label: "Start",
    className: "whitespace-nowrap",
    cell: (s) => (
      <>
        {formatDateTime(s.startMs, zone)}
        {s.ongoing && <span className="ml-1 font-medium">(charging)</span>}
      </>
    ),
  },
  { label: "Duration", className: "whitespace-nowrap", cell: (s) => formatDuration(s.endMs - s.startMs) },
  { label: "Where", cell: (s) => LOCATION_LABEL[s.location] },
  { label: "Charger", cell: (s) => chargerText(s) },
  { label: "Energy", numeric: true, cell: (s) => formatEnergy(s.energyWh) },
  { label: "Peak", numeric: true, cell: (s) => formatPower(s.peakW) },
  { label: "Solar", numeric: true, cell: (s) => formatPercent(s.solarSharePct) },
  { label: "Cost", numeric: true, cell: (s) => formatMoney(s.costCents) },
  { label: "Emissions", numeric: true, cell: (s) => formatEmissions(s.emissionsG) },
  {
    label: "Note",
    className: "text-xs text-muted-foreground",
    cell: (s) => s.detail.shareNote ?? s.detail.costNote ?? "",
  },
];

/**
 * The charging sessions of a system between two local days, filtered by place: the monthly summary, one row per
 * session (energy, solar share, cost, emissions; "—" where unknown, with the reason as a note) and a CSV download
 * of the same query.
 */
export function EvSessions({ systemId, zone, today }: { systemId: number; zone: string; today: string }) {
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  const [location, setLocation] = useState<"" | SessionLocation>("");
  const valid = DAY.test(from) && DAY.test(to) && from <= to;
  const query = new URLSearchParams({ from, to, ...(location ? { location } : {}) });
  const base = `/api/systems/${systemId}/charging-sessions`;
  const { data, error, loading } = usePolledJson<ChargingSessionsResponse>(
    valid ? `${base}?${query}` : null,
    to >= today ? 5 * 60_000 : 0,
  );
  const sessions = data?.sessions ?? [];
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle as="h2">Filters</CardTitle>
        </CardHeader>
        <CardContent>
          <form className="grid gap-4 sm:grid-cols-4" onSubmit={(e) => e.preventDefault()} aria-label="Session filters">
            <Field id="ev-from" label="From" error={valid ? undefined : "From must be a day on or before To"}>
              <Input
                id="ev-from"
                type="date"
                value={from}
                max={to}
                onChange={(e) => setFrom(e.target.value)}
                aria-invalid={!valid}
                aria-describedby={valid ? undefined : "ev-from-error"}
              />
            </Field>
            <Field id="ev-to" label="To">
              <Input id="ev-to" type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
            </Field>
            <Field id="ev-location" label="Where">
              <Select
                id="ev-location"
                value={location}
                onChange={(e) => setLocation(e.target.value as "" | SessionLocation)}
              >
                <option value="">Everywhere</option>
                <option value="home">Home</option>
                <option value="away">Away</option>
                <option value="unknown">Unknown place</option>
              </Select>
            </Field>
            <div className="flex items-end">
              <a
                href={valid ? `${base}?${query}&format=csv` : undefined}
                aria-disabled={!valid}
                className={buttonVariants({ variant: "outline" })}
                data-testid="ev-csv"
                download
              >
                <Download aria-hidden="true" />
                Download CSV
              </a>
            </div>
          </form>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Per month</CardTitle>
          <CardDescription>Energy, solar share, cost and emissions of the sessions shown.</CardDescription>
        </CardHeader>
        <CardContent>
          {data && data.months.length ? (
            <EvMonthSummaryTable months={data.months} />
          ) : (
            <p className="text-sm text-muted-foreground">No sessions in this range.</p>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Sessions</CardTitle>
          <CardDescription aria-live="polite" data-testid="ev-sessions-status">
            {!valid
              ? "Choose a valid range."
              : loading && !data
                ? "Loading…"
                : error
                  ? `Could not load: ${error}`
                  : data && !data.hasEv
                    ? "This system has no EV charger point. Mark the charger's circuit as an EV load (type load, subtype ev) in settings."
                    : `${sessions.length} session${sessions.length === 1 ? "" : "s"}`}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {sessions.length > 0 && (
            <EvTable
              caption="Charging sessions"
              columns={sessionColumns(zone)}
              rows={sessions}
              rowKey={(row) => row.id}
              testId="ev-sessions-table"
              rowTestId="ev-session-row"
            />
          )}
        </CardContent>
      </Card>

      {data && (
        <ul
          className="list-disc space-y-1 pl-5 text-xs text-muted-foreground"
          aria-label="How these figures are computed"
        >
          {data.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
