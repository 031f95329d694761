import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SettingsForbidden, SettingsView } from "@/components/settings/settings-view";
import { getSystemAccess } from "@/lib/auth";
import { requirePageUser } from "@/lib/auth/page";
import { listSystemPoints, loadSystemSettings } from "@/lib/systems";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "System settings" };

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** /dashboard/[system]/settings: settings and point editor for system admins and owners; viewers see why not. */
export default async function SystemSettingsPage({ params }: { params: Promise<{ system: string }> }) {
  const ref = safeDecode((await params).system);
  const user = await requirePageUser(`/dashboard/${encodeURIComponent(ref)}/settings`);
  const access = await getSystemAccess(user, ref);
  if (!access) notFound();
  if (!access.canWrite) {
    return <SettingsForbidden systemHref={`/dashboard/${access.system.id}`} displayName={access.system.displayName} />;
  }
  const [settings, points] = await Promise.all([loadSystemSettings(access), listSystemPoints(access.system.id)]);
  return <SettingsView settings={settings} points={points} />;
}
