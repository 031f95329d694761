import { z } from "zod";

/**
 * The one reader of process.env. Parsed once, validated with zod; every other module asks getEnv().
 * Defaults are the embedded local ones (libSQL file, no Redis, local sign-in, emulators are set by scripts).
 */
const DEV_ENCRYPTION_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
const DEV_CRON_SECRET = "local-dev-cron-secret";
const DEV_LOCAL_AUTH_SECRET = "local-dev-auth-secret-change-me-0123456789";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));
/** Days a retention tier keeps, or null for ever: a whole number of days, or `forever` / `0` / empty. */
const retentionDays = (fallback: number | null) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const t = (v ?? "").trim().toLowerCase();
      if (t === "") return fallback;
      if (t === "forever" || t === "0") return null;
      const n = Number(t);
      if (!Number.isInteger(n) || n < 1 || n > 36_500) {
        ctx.addIssue({ code: "custom", message: "must be a whole number of days (1–36500), or forever" });
        return z.NEVER;
      }
      return n;
    });
const url = (what: string) =>
  z
    .string()
    .url({ message: `${what} must be a full URL such as https://example.com` })
    .transform((v) => v.replace(/\/+$/, ""));

const rawSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_URL: url("APP_URL").default("http://localhost:3000"),
  KV_NAMESPACE: z.enum(["prod", "dev", "test"]).optional(),

  DATABASE_URL: z
    .string()
    .default("file:data/local.db")
    .refine((v) => /^(file:|libsql:|https?:|wss?:)/.test(v), {
      message: "DATABASE_URL must start with file: (local libSQL file) or libsql:// (Turso)",
    }),
  DATABASE_AUTH_TOKEN: optionalString,

  AUTH_MODE: z.enum(["clerk", "local", ""]).optional(),
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: optionalString,
  CLERK_SECRET_KEY: optionalString,
  CLERK_JWT_KEY: optionalString,
  CLERK_WEBHOOK_SECRET: optionalString,
  LOCAL_AUTH_SECRET: optionalString,
  LOCAL_AUTH_ALLOW_PRODUCTION: bool,

  KV_REST_API_URL: optionalString.pipe(z.string().url("KV_REST_API_URL must be the Upstash REST URL").optional()),
  KV_REST_API_TOKEN: optionalString,

  CRON_SECRET: optionalString,
  ENCRYPTION_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, "ENCRYPTION_KEY must be 64 hex characters (32 bytes): openssl rand -hex 32")
      .optional(),
  ),
  ENCRYPTION_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,16}$/)
    .default("k1"),
  ENCRYPTION_KEYS_PREVIOUS: optionalString,

  RAW_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  RETENTION_5M_DAYS: retentionDays(730),
  RETENTION_30M_DAYS: retentionDays(null),
  RETENTION_DAILY_DAYS: retentionDays(null),
  RETENTION_ACCOUNTS_DAYS: retentionDays(null),
  ARCHIVE_MODE: z.enum(["off", "local", "s3", ""]).optional(),
  ARCHIVE_DIR: z.string().default("data/archive"),
  ARCHIVE_S3_ENDPOINT: optionalString.pipe(z.string().url("ARCHIVE_S3_ENDPOINT must be a full URL").optional()),
  ARCHIVE_S3_REGION: z.string().default("auto"),
  ARCHIVE_S3_BUCKET: optionalString,
  ARCHIVE_S3_PREFIX: z
    .string()
    .default("archive")
    .transform((v) => v.replace(/^\/+|\/+$/g, "")),
  ARCHIVE_S3_ACCESS_KEY_ID: optionalString,
  ARCHIVE_S3_SECRET_ACCESS_KEY: optionalString,
  ARCHIVE_S3_FORCE_PATH_STYLE: bool,
  POLL_CONCURRENCY: z.coerce.number().int().min(1).max(5000).default(256),
  POLL_TIME_BUDGET_MS: z.coerce.number().int().min(1000).max(900_000).default(50_000),
  VENDOR_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** Requests a minute one API token may make (429 past it), and one share link. */
  API_TOKEN_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(120),
  SHARE_LINK_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(300),

  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, "SMTP_URL must be smtp://user:pass@host:port or smtps://…")
      .optional(),
  ),
  ALERT_EMAIL_FROM: z
    .string()
    .regex(/^[^\s@]+@[^\s@]+$/, "ALERT_EMAIL_FROM must be an email address")
    .default("alerts@localhost"),
  /** Lets webhooks reach loopback / private / link-local addresses under NODE_ENV=production (a local stack only). */
  ALERT_WEBHOOK_ALLOW_PRIVATE: bool,

  SELECTRONIC_BASE_URL: url("SELECTRONIC_BASE_URL").default("https://select.live"),
  ENPHASE_BASE_URL: url("ENPHASE_BASE_URL").default("https://api.enphaseenergy.com"),
  ENPHASE_API_KEY: optionalString,
  ENPHASE_CLIENT_ID: optionalString,
  ENPHASE_CLIENT_SECRET: optionalString,
  AMBER_BASE_URL: url("AMBER_BASE_URL").default("https://api.amber.com.au/v1"),
  MONDO_IDENTITY_URL: url("MONDO_IDENTITY_URL").default("https://identity.mondopower.com.au"),
  MONDO_API_URL: url("MONDO_API_URL").default("https://api.mondopower.com.au"),
  SOLAREDGE_BASE_URL: url("SOLAREDGE_BASE_URL").default("https://monitoringapi.solaredge.com"),
  TESLA_AUTH_URL: url("TESLA_AUTH_URL").default("https://auth.tesla.com"),
  TESLA_TOKEN_URL: url("TESLA_TOKEN_URL").default("https://fleet-auth.prd.vn.cloud.tesla.com"),
  TESLA_API_URL: url("TESLA_API_URL").default("https://fleet-api.prd.na.vn.cloud.tesla.com"),
  TESLA_CLIENT_ID: optionalString,
  TESLA_CLIENT_SECRET: optionalString,
  TESLA_MONTHLY_CREDIT_USD: z.coerce.number().min(0).max(100_000).default(10),
});

export type AuthMode = "clerk" | "local";

export type Env = Omit<
  z.infer<typeof rawSchema>,
  "AUTH_MODE" | "CRON_SECRET" | "ENCRYPTION_KEY" | "LOCAL_AUTH_SECRET" | "KV_NAMESPACE" | "ARCHIVE_MODE"
> & {
  /** Where the cleanup writes what a tier drops before deleting it (off: it deletes without a copy). */
  ARCHIVE_MODE: "off" | "local" | "s3";
  AUTH_MODE: AuthMode;
  CRON_SECRET: string;
  ENCRYPTION_KEY: string;
  LOCAL_AUTH_SECRET: string;
  KV_NAMESPACE: "prod" | "dev" | "test";
  isProduction: boolean;
  kvEnabled: boolean;
};

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every variable.`,
    );
    this.name = "EnvError";
  }
}

/** Validates a plain object of variables (exported for tests); throws EnvError with every problem listed. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = rawSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`));
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === "production";
  const problems: string[] = [];
  // clerkMiddleware needs the secret key even when CLERK_JWT_KEY lets tokens verify without a network call.
  const clerkKeys = Boolean(e.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY && e.CLERK_SECRET_KEY);
  const authMode: AuthMode = e.AUTH_MODE ? (e.AUTH_MODE as AuthMode) : clerkKeys ? "clerk" : "local";

  if (authMode === "clerk" && !clerkKeys) {
    problems.push(
      "AUTH_MODE=clerk needs NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY and CLERK_SECRET_KEY from the Clerk dashboard (CLERK_JWT_KEY is optional)",
    );
  }
  if (authMode === "local" && isProduction) {
    if (!e.LOCAL_AUTH_ALLOW_PRODUCTION) {
      problems.push(
        "Local sign-in is disabled under NODE_ENV=production: set the Clerk keys (NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY), " +
          "or, for a private demo only, set LOCAL_AUTH_ALLOW_PRODUCTION=1 and a LOCAL_AUTH_SECRET of at least 32 characters",
      );
    } else if (!e.LOCAL_AUTH_SECRET || e.LOCAL_AUTH_SECRET.length < 32) {
      problems.push("LOCAL_AUTH_ALLOW_PRODUCTION=1 also needs LOCAL_AUTH_SECRET of at least 32 random characters");
    }
  }
  if (isProduction && authMode === "clerk") {
    if (!e.CRON_SECRET || e.CRON_SECRET.length < 16)
      problems.push("CRON_SECRET (at least 16 characters) is required in production");
    if (!e.ENCRYPTION_KEY) problems.push("ENCRYPTION_KEY is required in production: openssl rand -hex 32");
  }
  if (e.KV_REST_API_URL && !e.KV_REST_API_TOKEN)
    problems.push("KV_REST_API_URL is set but KV_REST_API_TOKEN is missing");
  if (/^libsql:/.test(e.DATABASE_URL) && !e.DATABASE_AUTH_TOKEN && isProduction) {
    problems.push(
      "DATABASE_URL points at Turso (libsql://) but DATABASE_AUTH_TOKEN is missing: turso db tokens create <db>",
    );
  }
  // A coarser tier is reduced from the finer one, so it must keep at least as long (null = for ever).
  const chain: Array<[string, number | null]> = [
    ["RAW_RETENTION_DAYS", e.RAW_RETENTION_DAYS],
    ["RETENTION_5M_DAYS", e.RETENTION_5M_DAYS],
    ["RETENTION_30M_DAYS", e.RETENTION_30M_DAYS],
    ["RETENTION_DAILY_DAYS", e.RETENTION_DAILY_DAYS],
  ];
  for (let i = 1; i < chain.length; i++) {
    const [finer, finerDays] = chain[i - 1];
    const [coarser, coarserDays] = chain[i];
    if (coarserDays !== null && (finerDays === null || coarserDays < finerDays)) {
      problems.push(`${coarser} (${coarserDays}) must be at least ${finer} (${finerDays ?? "forever"})`);
    }
  }
  // The accounts job recomputes a missing account day from any day that still has daily rows: keep it as long.
  const daily = e.RETENTION_DAILY_DAYS;
  const accounts = e.RETENTION_ACCOUNTS_DAYS;
  if (accounts !== null && (daily === null || accounts < daily)) {
    problems.push(
      `RETENTION_ACCOUNTS_DAYS (${accounts}) must be at least RETENTION_DAILY_DAYS (${daily ?? "forever"})`,
    );
  }
  const archiveMode = e.ARCHIVE_MODE ? e.ARCHIVE_MODE : "off";
  if (archiveMode === "s3" && !e.ARCHIVE_S3_BUCKET) problems.push("ARCHIVE_MODE=s3 needs ARCHIVE_S3_BUCKET");
  if (Boolean(e.ARCHIVE_S3_ACCESS_KEY_ID) !== Boolean(e.ARCHIVE_S3_SECRET_ACCESS_KEY)) {
    problems.push("ARCHIVE_S3_ACCESS_KEY_ID and ARCHIVE_S3_SECRET_ACCESS_KEY go together");
  }
  if (problems.length) throw new EnvError(problems);

  return {
    ...e,
    AUTH_MODE: authMode,
    ARCHIVE_MODE: archiveMode,
    CRON_SECRET: e.CRON_SECRET ?? DEV_CRON_SECRET,
    ENCRYPTION_KEY: e.ENCRYPTION_KEY ?? DEV_ENCRYPTION_KEY,
    LOCAL_AUTH_SECRET: e.LOCAL_AUTH_SECRET ?? DEV_LOCAL_AUTH_SECRET,
    KV_NAMESPACE: e.KV_NAMESPACE ?? (isProduction ? "prod" : e.NODE_ENV === "test" ? "test" : "dev"),
    isProduction,
    kvEnabled: Boolean(e.KV_REST_API_URL && e.KV_REST_API_TOKEN),
  };
}

let cached: Env | undefined;

/** The validated configuration of this process (parsed on first use). */
export function getEnv(): Env {
  if (!cached) cached = parseEnv(process.env as Record<string, string | undefined>);
  return cached;
}

/** Forget the parsed configuration so the next getEnv() re-reads process.env (tests and scripts). */
export function resetEnv(): void {
  cached = undefined;
}
