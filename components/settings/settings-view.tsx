import Link from "next/link";
import type { ReactNode } from "react";
import { ArrowLeft } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { PointSettings, SystemSettings } from "@/lib/systems/contracts";
import { DeleteSystem } from "./delete-system";
import { PointEditor } from "./point-editor";
import { SystemSettingsForm } from "./system-settings-form";

/**
 * The settings page body: system settings, the point editor, extra sections (sharing, sources …) and (owners) removal.
 * `computed` marks a system computed from other systems (a composite): no vendor site, no polling, no own points.
 */
export function SettingsView({
  settings,
  vendorName,
  points,
  computed = false,
  children,
}: {
  settings: SystemSettings;
  /** The vendor's display name as its adapter declares it (default: the vendor type). */
  vendorName?: string;
  points: PointSettings[];
  computed?: boolean;
  children?: ReactNode;
}) {
  return (
    <main className="container max-w-5xl space-y-6 py-6 sm:py-8" data-system-id={settings.id}>
      <div className="space-y-1">
        <Link
          href={`/dashboard/${settings.id}`}
          className="inline-flex items-center gap-1 rounded-md text-sm text-muted-foreground hover:text-foreground"
        >
          <ArrowLeft className="size-4" aria-hidden="true" /> Back to the dashboard
        </Link>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Settings · {settings.displayName}</h1>
        <p className="text-sm text-muted-foreground">
          {computed ? (
            "Composite: its values are computed from the sources below, never fetched from a vendor."
          ) : (
            <>
              {vendorName ?? settings.vendorType} site {settings.vendorSiteId}
              {settings.model && ` · ${settings.model}`}
              {settings.serial && ` · serial ${settings.serial}`}
            </>
          )}
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle as="h2">System</CardTitle>
        </CardHeader>
        <CardContent>
          <SystemSettingsForm settings={settings} computed={computed} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Points</CardTitle>
          <CardDescription>
            {computed
              ? "A composite shows the values of its sources, added up by category."
              : "What each vendor value means. Your edits are kept when new data arrives; a point's path decides which card and chart shows it."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <PointEditor systemId={settings.id} points={points} canEdit={settings.canWrite} computed={computed} />
        </CardContent>
      </Card>
      {children}
      {settings.isOwner && (
        <Card className="border-destructive/40">
          <CardHeader>
            <CardTitle as="h2">Remove this system</CardTitle>
            <CardDescription>
              {computed
                ? "Deletes this composite; its source systems and their data stay. Only the owner can do this."
                : "Stops polling and deletes the stored vendor login. Only the owner can do this."}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <DeleteSystem systemId={settings.id} displayName={settings.displayName} />
          </CardContent>
        </Card>
      )}
    </main>
  );
}

/** What a viewer sees instead of the settings (no controls; `children` are read-only sections such as the tariff). */
export function SettingsForbidden({
  systemHref,
  displayName,
  children,
}: {
  systemHref: string;
  displayName: string;
  children?: ReactNode;
}) {
  return (
    <main className="container flex max-w-5xl flex-col items-start gap-4 py-20" data-testid="settings-forbidden">
      <h1 className="text-2xl font-bold tracking-tight">You can view {displayName}, but not change it</h1>
      <p className="text-muted-foreground">
        Its settings are for the owner and the people they made admins. Ask the owner if you need to change something.
      </p>
      <Link href={systemHref} className="font-medium underline-offset-4 hover:underline">
        Back to the dashboard
      </Link>
      {children && <div className="w-full space-y-6 pt-4">{children}</div>}
    </main>
  );
}
