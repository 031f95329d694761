"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { ErrorPanel } from "@/components/dashboard/state-panels";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type {
  CreateSystemResponse,
  TestConnectionResponse,
  VendorOption,
  VendorsResponse,
} from "@/lib/systems/contracts";
import { apiJson } from "./api-client";
import { ConnectionResults } from "./connection-results";
import { CredentialsForm } from "./credentials-form";
import { FormError } from "./form-error";
import { OAuthChoose } from "./oauth-choose";
import { PushSecret } from "./push-secret";
import { SystemDetailsForm } from "./system-details-form";
import { VendorPicker } from "./vendor-picker";

type Step =
  | { kind: "vendor" }
  | { kind: "credentials"; vendor: VendorOption }
  | {
      kind: "details";
      vendor: VendorOption;
      credentials: Record<string, string>;
      result: TestConnectionResponse | null;
    }
  | { kind: "push"; created: CreateSystemResponse }
  | { kind: "choose"; vendor: VendorOption; pending: string };

const TITLES: Record<Step["kind"], string> = {
  vendor: "1. Choose your vendor",
  credentials: "2. Connect your account",
  details: "3. Name your system",
  push: "Your system is ready",
  choose: "3. Choose your systems",
};

/** What the vendor's sign-in sent back to /setup: a pending grant to choose from, or an error to show. */
export interface SetupReturn {
  vendor?: string;
  pending?: string;
  error?: string;
  message?: string;
}

/** /setup: vendor → credentials (or OAuth) → test results → name, alias, zone → create → dashboard. */
export function SetupWizard({ returned = {} }: { returned?: SetupReturn }) {
  const router = useRouter();
  const [vendors, setVendors] = useState<VendorOption[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ kind: "vendor" });
  const heading = useRef<HTMLHeadingElement>(null);

  const load = () => {
    setLoadError(null);
    apiJson<VendorsResponse>("/api/vendors")
      .then((r) => setVendors(r.vendors))
      .catch((e: Error) => setLoadError(e.message));
  };
  useEffect(load, []);
  // Back from a vendor sign-in: continue with its pending grant (or show why it failed) once vendors are known.
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current || !vendors || !returned.vendor) return;
    resumed.current = true;
    const vendor = vendors.find((v) => v.vendorType === returned.vendor && v.supportsOAuth);
    if (vendor && returned.pending) setStep({ kind: "choose", vendor, pending: returned.pending });
    else if (vendor) setStep({ kind: "credentials", vendor });
  }, [vendors, returned.vendor, returned.pending]);
  // Move focus to a new step's heading so keyboard and screen-reader users follow along (not on first load).
  const firstStep = useRef(true);
  useEffect(() => {
    if (firstStep.current) firstStep.current = false;
    else heading.current?.focus();
  }, [step.kind]);

  const pickVendor = (vendor: VendorOption) =>
    // A composite has no vendor login: its editor picks points of the user's other systems.
    vendor.mode === "virtual"
      ? router.push("/composites/new")
      : setStep(
          vendor.canTestConnection || vendor.supportsOAuth
            ? { kind: "credentials", vendor }
            : { kind: "details", vendor, credentials: {}, result: null },
        );
  const created = (res: CreateSystemResponse) => {
    if (res.push) setStep({ kind: "push", created: res });
    else router.push(`/dashboard/${res.system.id}`);
  };
  const back =
    step.kind === "details" && step.vendor.canTestConnection
      ? { kind: "credentials" as const, vendor: step.vendor }
      : { kind: "vendor" as const };

  return (
    <div className="space-y-6">
      <div className="flex items-center gap-3">
        {(step.kind === "credentials" || step.kind === "details" || step.kind === "choose") && (
          <Button type="button" variant="ghost" size="icon" onClick={() => setStep(back)} aria-label="Back">
            <ArrowLeft aria-hidden="true" />
          </Button>
        )}
        <h2 ref={heading} tabIndex={-1} className="text-lg font-semibold outline-none" data-testid="setup-step">
          {TITLES[step.kind]}
          {"vendor" in step && <span className="text-muted-foreground"> · {step.vendor.displayName}</span>}
        </h2>
      </div>

      {step.kind === "vendor" &&
        (loadError ? (
          <ErrorPanel title="Could not load the vendors" message={loadError} onRetry={load} />
        ) : vendors ? (
          <VendorPicker vendors={vendors} onPick={pickVendor} />
        ) : (
          <div role="status" aria-label="Loading vendors" className="grid gap-3 sm:grid-cols-2">
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} className="h-24" />
            ))}
          </div>
        ))}

      {step.kind === "credentials" && (
        <Card className="p-4 sm:p-6">
          {step.vendor.supportsOAuth ? (
            <div className="space-y-4">
              {returned.error && returned.vendor === step.vendor.vendorType && (
                <FormError error={returned.message ?? returned.error} testId="oauth-error" />
              )}
              <p className="text-sm text-muted-foreground">
                You will sign in at {step.vendor.displayName} and choose which systems to share with us.
              </p>
              <Button asChild>
                <a href={`/api/auth/${step.vendor.vendorType}/connect`}>Connect with {step.vendor.displayName}</a>
              </Button>
            </div>
          ) : (
            <CredentialsForm
              vendor={step.vendor}
              onTested={(credentials, result) => setStep({ kind: "details", vendor: step.vendor, credentials, result })}
            />
          )}
        </Card>
      )}

      {step.kind === "details" && (
        <div className="grid gap-6 lg:grid-cols-2">
          {step.result && (
            <Card className="p-4 sm:p-6">
              <ConnectionResults result={step.result} />
            </Card>
          )}
          <Card className="p-4 sm:p-6">
            <SystemDetailsForm
              vendor={step.vendor}
              credentials={step.credentials}
              result={step.result}
              onCreated={created}
            />
          </Card>
        </div>
      )}

      {step.kind === "choose" && (
        <Card className="p-4 sm:p-6">
          <OAuthChoose
            vendorType={step.vendor.vendorType}
            displayName={step.vendor.displayName}
            pending={step.pending}
            onAdded={(systems) => router.push(`/dashboard/${systems[0].id}`)}
          />
        </Card>
      )}

      {step.kind === "push" && step.created.push && (
        <PushSecret {...step.created.push} dashboardHref={`/dashboard/${step.created.system.id}`} />
      )}

      {step.kind === "vendor" && (
        <p className="text-sm text-muted-foreground">
          Someone else owns the system? Ask them to share it with you instead.{" "}
          <Link href="/dashboard" className="underline underline-offset-4">
            Back to the dashboard
          </Link>
        </p>
      )}
    </div>
  );
}
