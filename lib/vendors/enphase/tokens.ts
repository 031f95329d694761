import { z } from "zod";

/** Refresh the access token when it has less than this left, so a poll never starts with an expiring token. */
export const REFRESH_MARGIN_MS = 10 * 60_000;

/**
 * An Enphase OAuth token pair as we store it (encrypted): in vendor_credentials.credentials at setup, and in
 * vendor_credentials.state after each refresh. `grant` ties together every system added from one sign-in, so
 * a refresh by one of them reaches the others (Enphase rotates refresh tokens).
 */
export const enphaseTokensSchema = z.object({
  accessToken: z.string({ required_error: "Connect Enphase again (no access token)" }),
  refreshToken: z
    .string({ required_error: "Connect Enphase again (no refresh token)" })
    .min(1, "Connect Enphase again (no refresh token)"),
  /** When the access token expires, ms UTC (0 = refresh before the first call). */
  expiresAtMs: z.number().finite(),
  /** When this pair was issued, ms UTC: the newest pair wins. */
  obtainedAtMs: z.number().finite().optional(),
  grant: z.string().optional(),
  enlUid: z.string().optional(),
});
export type EnphaseTokens = z.infer<typeof enphaseTokensSchema>;

/** A stored value as a token pair, or null when it is not one. */
export function asTokens(value: unknown): EnphaseTokens | null {
  const parsed = enphaseTokensSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The newest usable pair among candidates (credentials, then state, then a sibling's); a later one wins a tie. */
export function newestTokens(...candidates: unknown[]): EnphaseTokens | null {
  let best: EnphaseTokens | null = null;
  for (const c of candidates) {
    const t = asTokens(c);
    if (t && (!best || issuedAt(t) >= issuedAt(best))) best = t;
  }
  return best;
}

/** Whether the access token expires within REFRESH_MARGIN_MS of nowMs (or is missing). */
export function needsRefresh(t: EnphaseTokens, nowMs: number): boolean {
  return !t.accessToken || t.expiresAtMs - nowMs < REFRESH_MARGIN_MS;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
  enl_uid: z.union([z.string(), z.number()]).optional(),
});

/** A token endpoint answer as a stored pair, or null when it lacks the fields we need. */
export function tokensFromResponse(body: unknown, nowMs: number, grant: string | undefined): EnphaseTokens | null {
  const parsed = tokenResponseSchema.safeParse(body);
  if (!parsed.success) return null;
  const r = parsed.data;
  return {
    accessToken: r.access_token,
    refreshToken: r.refresh_token,
    expiresAtMs: nowMs + r.expires_in * 1000,
    obtainedAtMs: nowMs,
    grant,
    enlUid: r.enl_uid === undefined ? undefined : String(r.enl_uid),
  };
}

/** When a pair was issued (0 when unknown, e.g. hand-seeded credentials). */
export function issuedAt(t: EnphaseTokens): number {
  return t.obtainedAtMs ?? 0;
}
