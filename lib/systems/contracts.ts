/**
 * JSON shapes of the setup and settings routes (types only: safe to import from client components).
 */
import type { SystemSummary } from "@/lib/api/contracts";
import type { SystemInfo, VendorCapabilities } from "@/lib/vendors/types";

/** One credential input of a vendor's form (never a value). */
export interface VendorCredentialField {
  name: string;
  label: string;
  type: "text" | "password" | "email";
  placeholder?: string;
  help?: string;
}

/** GET /api/vendors: one vendor that can be added. */
export interface VendorOption {
  vendorType: string;
  displayName: string;
  description: string;
  mode: "poll" | "push" | "virtual";
  /** What the vendor can report and how it is set up (the adapter's declaration). */
  capabilities: VendorCapabilities;
  /** Set up by signing in at the vendor (capabilities.setup === "oauth"): /api/auth/<vendorType>/connect. */
  supportsOAuth: boolean;
  /** Whether POST /api/test-connection works for it (push vendors have nothing to test before they push). */
  canTestConnection: boolean;
  credentialFields: VendorCredentialField[];
}

export interface VendorsResponse {
  vendors: VendorOption[];
}

/** What a connection test found out about a site (the adapters' SystemInfo, as the setup UI receives it). */
export type DiscoveredSiteInfo = SystemInfo;
export type { DiscoveredDevice } from "@/lib/vendors/types";

/** A value found by a connection test, in canonical units (W, Wh, %, c/kWh, ms) and display sign. */
export interface TestLatestValue {
  path: string | null;
  displayName: string;
  unit: string;
  value: number | null;
  valueStr: string | null;
  measurementTimeMs: number;
}

/** POST /api/test-connection */
export interface TestConnectionResponse {
  sites: Array<{ vendorSiteId: string; name: string; info?: DiscoveredSiteInfo }>;
  /** Which site `latest` and `systemInfo` describe (the requested one, else the first). */
  testedSiteId: string | null;
  latest: TestLatestValue[];
  systemInfo: DiscoveredSiteInfo | null;
}

/** POST /api/systems */
export interface CreateSystemResponse {
  system: SystemSummary;
  /** Push vendors only, shown once: where the site posts, and the secret it authenticates with. */
  push?: { url: string; secret: string };
}

/** GET/PATCH /api/systems/[system] */
export interface SystemSettings extends SystemSummary {
  vendorSiteId: string;
  model: string | null;
  serial: string | null;
  /** What the caller may do here (drives which controls the settings page shows). */
  canWrite: boolean;
  isOwner: boolean;
}

/** One row of GET /api/systems/[system]/points */
export interface PointSettings {
  id: number;
  originId: string;
  originSubId: string;
  pointName: string;
  displayName: string;
  alias: string | null;
  subsystem: string | null;
  type: "source" | "load" | "bidi" | null;
  subtype: string | null;
  extension: string | null;
  metricType: string;
  unit: string;
  /** `type[.subtype[.extension]]/metric`, or null while unclassified. */
  path: string | null;
  active: boolean;
  transform: "i" | "d" | null;
  updatedAtMs: number;
}

export interface PointsResponse {
  points: PointSettings[];
}
