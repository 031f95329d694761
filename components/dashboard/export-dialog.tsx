"use client";

import { Download } from "lucide-react";
import { useId, useState } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

const LEVELS = [
  { value: "raw", label: "Raw readings (as polled; kept for a limited time)" },
  { value: "5m", label: "5-minute" },
  { value: "30m", label: "30-minute" },
  { value: "daily", label: "Daily" },
] as const;

/** The day `days` before a YYYY-MM-DD day. */
function daysBefore(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * "Export data": a system's readings at a chosen level over a range of its local days, downloaded as CSV or
 * Parquet from GET /api/systems/{id}/export (streamed by the server, so long ranges are fine).
 */
export function ExportDialog({ systemId, today }: { systemId: number; today: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [level, setLevel] = useState<string>("5m");
  const [format, setFormat] = useState<string>("csv");
  const [from, setFrom] = useState(() => daysBefore(today, 6));
  const [to, setTo] = useState(today);
  const valid = Boolean(from && to && from <= to);
  const href = `/api/systems/${systemId}/export?${new URLSearchParams({ level, format, from, to })}`;
  return (
    <>
      <Button type="button" variant="outline" onClick={() => setOpen(true)} data-testid="export-open">
        <Download aria-hidden="true" />
        <span className="sr-only sm:not-sr-only">Export</span>
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Export data"
        description="Readings of this system over a range of its local days, as a CSV or Parquet file."
      >
        <div className="space-y-4">
          <Field id={`${id}-level`} label="Level">
            <Select id={`${id}-level`} value={level} onChange={(e) => setLevel(e.target.value)}>
              {LEVELS.map((l) => (
                <option key={l.value} value={l.value}>
                  {l.label}
                </option>
              ))}
            </Select>
          </Field>
          <div className="grid grid-cols-2 gap-4">
            <Field id={`${id}-from`} label="From">
              <Input id={`${id}-from`} type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
            </Field>
            <Field
              id={`${id}-to`}
              label="To (included)"
              error={valid ? undefined : "The range must end on or after its first day"}
            >
              <Input
                id={`${id}-to`}
                type="date"
                value={to}
                min={from}
                onChange={(e) => setTo(e.target.value)}
                aria-invalid={!valid}
                aria-describedby={`${id}-to-error`}
              />
            </Field>
          </div>
          <Field id={`${id}-format`} label="Format">
            <Select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value)}>
              <option value="csv">CSV (spreadsheets)</option>
              <option value="parquet">Parquet (data tools)</option>
            </Select>
          </Field>
          <p className="text-xs text-muted-foreground">
            Everything at once:{" "}
            <a className="underline" href="/api/me/export?levels=daily,30m" download data-testid="export-all">
              all systems you own
            </a>{" "}
            (settings, points, tariffs, daily and 30-minute readings) as one archive.
          </p>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Close
            </Button>
            {valid ? (
              <a href={href} download className={buttonVariants()} data-testid="export-download">
                <Download aria-hidden="true" />
                Download
              </a>
            ) : (
              <Button type="button" disabled>
                Download
              </Button>
            )}
          </div>
        </div>
      </Dialog>
    </>
  );
}
