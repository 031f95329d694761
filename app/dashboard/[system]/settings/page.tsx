import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RuleSettings } from "@/components/alerts/rule-settings";
import { CompositeEditor } from "@/components/composite/composite-editor";
import { BackfillPanel } from "@/components/settings/backfill-panel";
import { PushKeyCard } from "@/components/settings/push-key-card";
import { SettingsForbidden, SettingsView } from "@/components/settings/settings-view";
import { CarbonRegionCard } from "@/components/settings/carbon-region";
import { ComparePlans } from "@/components/settings/tariffs/compare-plans";
import { TariffSection } from "@/components/settings/tariffs/tariff-section";
import { SharePanel } from "@/components/sharing/share-panel";
import { ShareLinksCard } from "@/components/tokens/share-links-card";
import { ApiSpendMeter } from "@/components/vendors/api-spend";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getSystemAccess } from "@/lib/auth";
import { getBackfill } from "@/lib/backfill";
import { requirePageUser } from "@/lib/auth/page";
import { getCompositeDetail } from "@/lib/composite";
import { getEnv } from "@/lib/env";
import { isComputedSystem, listSystemPoints, loadSystemSettings } from "@/lib/systems";
import { getAdapter } from "@/lib/vendors";
import { apiSpendForSystem } from "@/lib/vendors/quota";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "System settings" };

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function Section({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">{title}</CardTitle>
        {description && <CardDescription>{description}</CardDescription>}
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

const RULES_DESCRIPTION = "What raises an alert for this system, how severe it is, and whether each rule is on.";

const TARIFF_DESCRIPTION =
  "What this system's electricity costs and earns. A plan prices the days from its start date until the next plan starts.";

const COMPARE_DESCRIPTION =
  "What each saved plan would have cost on this system's own 5-minute energy, and the difference from the current plan.";

/** /dashboard/[system]/settings: settings and point editor for system admins and owners; viewers see why not. */
export default async function SystemSettingsPage({ params }: { params: Promise<{ system: string }> }) {
  const ref = safeDecode((await params).system);
  const user = await requirePageUser(`/dashboard/${encodeURIComponent(ref)}/settings`);
  const access = await getSystemAccess(user, ref);
  if (!access) notFound();
  if (!access.canWrite) {
    return (
      <SettingsForbidden systemHref={`/dashboard/${access.system.id}`} displayName={access.system.displayName}>
        <Section title="Tariff" description={TARIFF_DESCRIPTION}>
          <TariffSection systemId={access.system.id} />
        </Section>
        <Section title="Compare plans" description={COMPARE_DESCRIPTION}>
          <ComparePlans systemId={access.system.id} />
        </Section>
        <Section title="Alert rules" description={RULES_DESCRIPTION}>
          <RuleSettings systemId={access.system.id} />
        </Section>
      </SettingsForbidden>
    );
  }
  const { system } = access;
  const adapter = getAdapter(system.vendorType);
  const isComposite = isComputedSystem(system.vendorType);
  const [settings, points, composite, spend, backfill] = await Promise.all([
    loadSystemSettings(access),
    listSystemPoints(system.id),
    isComposite ? getCompositeDetail(access) : Promise.resolve(null),
    apiSpendForSystem(system),
    access.isOwner ? getBackfill(system) : Promise.resolve(null),
  ]);
  const isPush = adapter?.mode === "push";
  return (
    <SettingsView settings={settings} vendorName={adapter?.displayName} points={points} computed={isComposite}>
      {composite && (
        <Section title="Sources" description="Which points of your other systems this composite adds up, by category.">
          <CompositeEditor initial={composite} />
        </Section>
      )}
      <Section title="Tariff" description={TARIFF_DESCRIPTION}>
        <TariffSection systemId={system.id} />
      </Section>
      <Section title="Compare plans" description={COMPARE_DESCRIPTION}>
        <ComparePlans systemId={system.id} />
      </Section>
      <Section title="Carbon" description="Which grid's emission factor the carbon figures use.">
        <CarbonRegionCard systemId={system.id} />
      </Section>
      <Section title="Alert rules" description={RULES_DESCRIPTION}>
        <RuleSettings systemId={system.id} />
      </Section>
      {spend && (
        <Section
          title={`${adapter?.displayName ?? system.vendorType} API spend`}
          description="This server's requests this month (UTC) against the monthly credit; polling slows down as the credit runs low."
        >
          <ApiSpendMeter spend={spend} meter className="text-sm" />
        </Section>
      )}
      {access.isOwner && isPush && (
        <Section title="Push key">
          <PushKeyCard systemId={system.id} />
        </Section>
      )}
      {backfill?.available && (
        <Section title="History" description="Import this system's past from the vendor, a chunk at a time.">
          <BackfillPanel systemId={system.id} initial={backfill.job} />
        </Section>
      )}
      {access.isOwner && (
        <Section title="Sharing" description="Who else can see this system, and who may change its settings.">
          <SharePanel systemRef={String(system.id)} localMode={getEnv().AUTH_MODE === "local"} />
        </Section>
      )}
      <Section title="Share links" description="Read-only links to this dashboard for people without an account.">
        <ShareLinksCard systemId={system.id} />
      </Section>
    </SettingsView>
  );
}
