"use client";

import { useEffect, useState } from "react";
import { ErrorPanel } from "@/components/dashboard/state-panels";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { CreateSystemResponse, DiscoveredDevice, DiscoveredSiteInfo } from "@/lib/systems/contracts";
import { apiJson } from "./api-client";
import { FormError } from "./form-error";

interface PendingSystem {
  vendorSiteId: string;
  name: string;
  info?: DiscoveredSiteInfo;
  devices?: DiscoveredDevice[];
  alreadyAdded: boolean;
}

const KIND_LABEL: Record<DiscoveredDevice["kind"], string> = { vehicle: "Cars charging at this home" };

/**
 * After signing in at a vendor: choose which of the account's systems to add and, for each, which of its devices
 * (cars) belong to it. Adds them through POST /api/auth/<vendor>/systems and reports what was added.
 */
export function OAuthChoose({
  vendorType,
  displayName,
  pending,
  onAdded,
}: {
  vendorType: string;
  displayName: string;
  pending: string;
  onAdded: (systems: CreateSystemResponse["system"][]) => void;
}) {
  const [systems, setSystems] = useState<PendingSystem[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [devices, setDevices] = useState<Record<string, Set<string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/auth/${encodeURIComponent(vendorType)}/systems`;

  const load = () => {
    setLoadError(null);
    apiJson<{ systems: PendingSystem[] }>(`${base}?${new URLSearchParams({ pending }).toString()}`)
      .then((r) => {
        setSystems(r.systems);
        const open = r.systems.filter((s) => !s.alreadyAdded);
        setChosen(new Set(open.map((s) => s.vendorSiteId)));
        setDevices(Object.fromEntries(open.map((s) => [s.vendorSiteId, new Set((s.devices ?? []).map((d) => d.id))])));
      })
      .catch((e: Error) => setLoadError(e.message));
  };
  useEffect(load, [base, pending]);

  const toggle = (id: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleDevice = (siteId: string, deviceId: string) =>
    setDevices((prev) => {
      const next = new Set(prev[siteId] ?? []);
      if (next.has(deviceId)) next.delete(deviceId);
      else next.add(deviceId);
      return { ...prev, [siteId]: next };
    });

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const systemIds = [...chosen];
      const body = {
        pending,
        systemIds,
        devices: Object.fromEntries(systemIds.map((id) => [id, [...(devices[id] ?? [])]])),
      };
      const res = await apiJson<{ systems: CreateSystemResponse["system"][]; errors: Array<{ message: string }> }>(
        base,
        { method: "POST", body },
      );
      if (res.errors.length) setError(res.errors.map((e) => e.message).join("; "));
      if (res.systems.length) onAdded(res.systems);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (loadError)
    return <ErrorPanel title={`Could not load your ${displayName} systems`} message={loadError} onRetry={load} />;
  if (!systems)
    return (
      <div role="status" aria-label="Loading systems" className="space-y-2">
        <Skeleton className="h-16" />
        <Skeleton className="h-16" />
      </div>
    );
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p className="text-sm text-muted-foreground">Choose the systems of your {displayName} account to add.</p>
      <ul className="space-y-3" aria-label={`${displayName} systems`}>
        {systems.map((s) => (
          <li key={s.vendorSiteId} className="rounded-lg border p-3" data-testid={`pending-system-${s.vendorSiteId}`}>
            <label className="flex items-start gap-3">
              <input
                type="checkbox"
                className="mt-1 size-4"
                checked={chosen.has(s.vendorSiteId)}
                disabled={s.alreadyAdded}
                onChange={() => toggle(s.vendorSiteId)}
              />
              <span className="space-y-0.5">
                <span className="block font-medium">{s.name}</span>
                <span className="block text-sm text-muted-foreground">
                  {[s.info?.model, s.info?.batterySize, s.info?.timezone, s.alreadyAdded ? "already added" : null]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
              </span>
            </label>
            {!!s.devices?.length && chosen.has(s.vendorSiteId) && (
              <fieldset className="ml-7 mt-2 space-y-1">
                <legend className="text-sm font-medium">{KIND_LABEL[s.devices[0].kind]}</legend>
                {s.devices.map((d) => (
                  <label key={d.id} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      className="size-4"
                      data-testid={`pending-device-${d.id}`}
                      checked={devices[s.vendorSiteId]?.has(d.id) ?? false}
                      onChange={() => toggleDevice(s.vendorSiteId, d.id)}
                    />
                    {d.name}
                  </label>
                ))}
              </fieldset>
            )}
          </li>
        ))}
      </ul>
      <FormError error={error} testId="pending-error" />
      <Button type="submit" disabled={busy || chosen.size === 0} data-testid="add-pending-systems">
        {busy ? "Adding…" : chosen.size > 1 ? `Add ${chosen.size} systems` : "Add system"}
      </Button>
    </form>
  );
}
