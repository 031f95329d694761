import { z } from "zod";

/** Refresh the access token when it has less than this left, so a poll never starts with an expiring token. */
export const REFRESH_MARGIN_MS = 10 * 60_000;

/** Scopes asked for at sign-in: energy and vehicle data, offline access (refresh tokens), and the car's position. */
export const TESLA_SCOPES = [
  "openid",
  "offline_access",
  "energy_device_data",
  "vehicle_device_data",
  "vehicle_location",
];

/** A vehicle of the account as discovered at sign-in (ids are strings: they exceed 2^53). */
export const teslaVehicleRefSchema = z.object({ id: z.string().min(1), name: z.string() });
export type TeslaVehicleRef = z.infer<typeof teslaVehicleRefSchema>;

/**
 * A Tesla sign-in as we store it (encrypted): in vendor_credentials.credentials at setup and in
 * vendor_credentials.state after each refresh. Refresh tokens are single use, so the newest pair wins and a refresh
 * by one system of the grant reaches the others (token-store.ts). `baseUrl` is the account's regional Fleet API
 * base, kept from sign-in; `vehicles` are the account's cars chosen for this grant.
 */
export const teslaTokensSchema = z.object({
  accessToken: z.string({ required_error: "Connect Tesla again (no access token)" }),
  refreshToken: z
    .string({ required_error: "Connect Tesla again (no refresh token)" })
    .min(1, "Connect Tesla again (no refresh token)"),
  /** When the access token expires, ms UTC (0 = refresh before the first call). */
  expiresAtMs: z.number().finite(),
  /** When this pair was issued, ms UTC: the newest pair wins. */
  obtainedAtMs: z.number().finite().optional(),
  grant: z.string().optional(),
  /** Granted scopes (the location scope decides whether positions are read). */
  scopes: z.array(z.string()).optional(),
  /** The account's regional API base (no trailing slash); default TESLA_API_URL. */
  baseUrl: z.string().url().optional(),
  vehicles: z.array(teslaVehicleRefSchema).optional(),
});
export type TeslaTokens = z.infer<typeof teslaTokensSchema>;

/** A stored value as a token pair, or null when it is not one. */
export function asTokens(value: unknown): TeslaTokens | null {
  const parsed = teslaTokensSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** When a pair was issued (0 when unknown, e.g. hand-seeded credentials). */
export function issuedAt(t: TeslaTokens): number {
  return t.obtainedAtMs ?? 0;
}

/**
 * The newest usable pair among candidates (credentials, then state, then a sibling's); a later one wins a tie.
 * Fields a refreshed pair does not carry (baseUrl, vehicles, scopes) are kept from the candidates before it.
 */
export function newestTokens(...candidates: unknown[]): TeslaTokens | null {
  let best: TeslaTokens | null = null;
  for (const c of candidates) {
    const t = asTokens(c);
    if (!t) continue;
    const b = best as TeslaTokens | null;
    if (!b || issuedAt(t) >= issuedAt(b)) {
      best = {
        ...t,
        baseUrl: t.baseUrl ?? b?.baseUrl,
        vehicles: t.vehicles ?? b?.vehicles,
        scopes: t.scopes ?? b?.scopes,
        grant: t.grant ?? b?.grant,
      };
    }
  }
  return best;
}

/** Whether the access token expires within REFRESH_MARGIN_MS of nowMs (or is missing). */
export function needsRefresh(t: TeslaTokens, nowMs: number): boolean {
  return !t.accessToken || t.expiresAtMs - nowMs < REFRESH_MARGIN_MS;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
  scope: z.string().optional(),
});

/** A token endpoint answer as a stored pair (keeping `prev`'s account fields), or null when fields are missing. */
export function tokensFromResponse(
  body: unknown,
  nowMs: number,
  prev: Partial<TeslaTokens> & { grant?: string },
): TeslaTokens | null {
  const parsed = tokenResponseSchema.safeParse(body);
  if (!parsed.success) return null;
  const r = parsed.data;
  return {
    accessToken: r.access_token,
    refreshToken: r.refresh_token,
    expiresAtMs: nowMs + r.expires_in * 1000,
    obtainedAtMs: nowMs,
    grant: prev.grant,
    scopes: r.scope ? r.scope.split(/\s+/).filter(Boolean) : prev.scopes,
    baseUrl: prev.baseUrl,
    vehicles: prev.vehicles,
  };
}

/** Whether the sign-in granted `scope` (unknown scopes: assume the default grant without location). */
export function hasScope(t: Pick<TeslaTokens, "scopes">, scope: string): boolean {
  return (t.scopes ?? ["energy_device_data", "vehicle_device_data"]).includes(scope);
}
