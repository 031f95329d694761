"use client";

import { useEffect, useState } from "react";
import { apiJson } from "@/components/setup/api-client";
import { FormError } from "@/components/setup/form-error";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import type { CarbonRegionSetting } from "@/lib/costs/carbon-region-types";

/** The grid region the system's carbon figures use: automatic (plan state, metadata, time zone) or chosen. */
export function CarbonRegionCard({ systemId }: { systemId: number }) {
  const url = `/api/systems/${systemId}/costs/carbon-region`;
  const [data, setData] = useState<CarbonRegionSetting | null>(null);
  const [choice, setChoice] = useState("auto");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    apiJson<CarbonRegionSetting>(url).then((d) => {
      setData(d);
      setChoice(d.automatic ? "auto" : d.region);
    }, setError);
  }, [url]);
  if (!data) return error ? <FormError error={error} /> : <p className="text-sm text-muted-foreground">Loading…</p>;

  const label = (region: string) => data.options.find((o) => o.region === region);
  const auto = label(data.automaticRegion);
  const save = async () => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const d = await apiJson<CarbonRegionSetting>(url, {
        method: "PUT",
        body: { region: choice === "auto" ? null : choice },
      });
      setData(d);
      setNotice(`Carbon figures now use ${label(d.region)?.label ?? d.region}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="space-y-3" data-testid="carbon-region">
      <div className="flex flex-wrap items-end gap-2">
        <Field id="carbon-region" label="Grid region for carbon" className="w-full sm:w-80">
          <Select id="carbon-region" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="auto">
              automatic: {auto?.label} ({auto?.kgPerKwh} kg/kWh)
            </option>
            {data.options.map((o) => (
              <option key={o.region} value={o.region}>
                {o.label} ({o.kgPerKwh} kg/kWh)
              </option>
            ))}
          </Select>
        </Field>
        <Button type="button" onClick={save} disabled={busy}>
          Save region
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">
        Automatic follows the state of the latest tariff plan&apos;s public holidays, else the system&apos;s time zone.
        Factors: {data.source}, scope 2. Past days are recounted with the new factor; nothing else changes.
      </p>
      <FormError error={error} />
      <p role="status" className="text-sm">
        {notice}
      </p>
    </div>
  );
}
