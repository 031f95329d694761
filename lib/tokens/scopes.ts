import { z } from "zod";
import { displayNameSchema } from "@/lib/systems/fields";

/** What a personal API token may do (no server imports: the tokens page uses these too). */
export const TOKEN_SCOPES = ["systems:read", "data:read", "energy:read", "settings:write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const SCOPE_LABELS: Record<TokenScope, string> = {
  "systems:read": "Read systems and points",
  "data:read": "Read live and historical data",
  "energy:read": "Read energy accounts and costs",
  "settings:write": "Change system and point settings",
};

/** Secrets start with these, so a leaked one is recognisable (and secret scanners can match it). */
export const TOKEN_PREFIX = "sm_";
export const SHARE_PREFIX = "sh_";
/** `sm_` or `sh_` and 43 base64url characters (32 random bytes). */
export const SECRET_RE = /^(sm|sh)_[A-Za-z0-9_-]{43}$/;

export const MAX_TOKEN_DAYS = 366;
export const MAX_SHARE_DAYS = 366;

/** POST /api/me/tokens */
export const createTokenSchema = z.object({
  name: displayNameSchema,
  scopes: z
    .array(z.enum(TOKEN_SCOPES, { errorMap: () => ({ message: `Scopes are ${TOKEN_SCOPES.join(", ")}` }) }))
    .min(1, "Choose at least one scope")
    .max(TOKEN_SCOPES.length),
  /** Limit the token to these systems (ids); omitted or null: every system the user may read. */
  systemIds: z
    .array(z.number().int().positive())
    .min(1, "Choose at least one system, or none for all")
    .max(200)
    .nullish(),
  expiresInDays: z.number().int().min(1, "At least 1 day").max(MAX_TOKEN_DAYS, `At most ${MAX_TOKEN_DAYS} days`),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

/** POST /api/systems/{system}/share-links */
export const createShareLinkSchema = z.object({
  label: displayNameSchema.optional(),
  expiresInDays: z.number().int().min(1, "At least 1 day").max(MAX_SHARE_DAYS, `At most ${MAX_SHARE_DAYS} days`),
});
export type CreateShareLinkInput = z.infer<typeof createShareLinkSchema>;

/** A token as listed to its owner (never the secret or its hash). */
export interface ApiTokenView {
  id: number;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  systemIds: number[] | null;
  expiresAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
  createdAt: number;
}

/** A share link as listed to the system's owner and admins. */
export interface ShareLinkView {
  id: number;
  label: string;
  prefix: string;
  expiresAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
  createdAt: number;
}
