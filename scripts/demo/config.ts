import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export interface StackConfig {
  mode: "demo" | "dev" | "e2e";
  appPort: number;
  emulatorPort: number;
  dataDir: string;
  databaseUrl: string;
  appUrl: string;
  secrets: { cronSecret: string; localAuthSecret: string; encryptionKey: string };
  backfillDays: number;
  /** SMTP server for alert email (SMTP_URL), e.g. the end-to-end run's own test server; none: email off. */
  smtpUrl?: string;
}

/** Secrets generated once per data folder and kept there, so cookies and encrypted credentials survive restarts. */
function loadOrCreateSecrets(dataDir: string): StackConfig["secrets"] {
  const file = join(dataDir, "local-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as StackConfig["secrets"];
  const secrets = {
    cronSecret: randomBytes(24).toString("base64url"),
    localAuthSecret: randomBytes(32).toString("base64url"),
    encryptionKey: randomBytes(32).toString("hex"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Ports, files and secrets of a local stack; `DEMO_PORT`, `EMULATOR_PORT`, `DEMO_DATA_DIR` override. */
export function stackConfig(mode: StackConfig["mode"], overrides: Partial<StackConfig> = {}): StackConfig {
  const dataDir = resolve(overrides.dataDir ?? process.env.DEMO_DATA_DIR ?? "data");
  mkdirSync(dataDir, { recursive: true });
  const appPort = overrides.appPort ?? Number(process.env.DEMO_PORT ?? (mode === "e2e" ? 3057 : 3000));
  const emulatorPort = overrides.emulatorPort ?? Number(process.env.EMULATOR_PORT ?? (mode === "e2e" ? 3357 : 3300));
  const dbFile = mode === "dev" ? "local.db" : mode === "demo" ? "demo.db" : "e2e.db";
  return {
    mode,
    appPort,
    emulatorPort,
    dataDir,
    databaseUrl: overrides.databaseUrl ?? `file:${join(dataDir, dbFile)}`,
    appUrl: `http://localhost:${appPort}`,
    secrets: overrides.secrets ?? loadOrCreateSecrets(dataDir),
    backfillDays: overrides.backfillDays ?? Number(process.env.DEMO_BACKFILL_DAYS ?? 3),
    smtpUrl: overrides.smtpUrl ?? process.env.SMTP_URL,
  };
}

/** The environment the app (in this process and in the Next child) runs with, pointing vendors at the emulators. */
export function stackEnv(config: StackConfig): Record<string, string> {
  const emu = `http://127.0.0.1:${config.emulatorPort}`;
  return {
    DATABASE_URL: config.databaseUrl,
    APP_URL: config.appUrl,
    AUTH_MODE: "local",
    // next start runs with NODE_ENV=production: the local demo opts in to local sign-in explicitly, with its own secret.
    LOCAL_AUTH_ALLOW_PRODUCTION: "1",
    LOCAL_AUTH_SECRET: config.secrets.localAuthSecret,
    // Alert webhooks of the demo and the end-to-end runs go to receivers on this machine.
    ALERT_WEBHOOK_ALLOW_PRIVATE: "1",
    CRON_SECRET: config.secrets.cronSecret,
    ENCRYPTION_KEY: config.secrets.encryptionKey,
    KV_NAMESPACE: config.mode === "e2e" ? "test" : "dev",
    SELECTRONIC_BASE_URL: `${emu}/select-live`,
    ENPHASE_BASE_URL: `${emu}/enphase`,
    AMBER_BASE_URL: `${emu}/amber/v1`,
    MONDO_IDENTITY_URL: `${emu}/mondo-identity`,
    MONDO_API_URL: `${emu}/mondo-api`,
    SOLAREDGE_BASE_URL: `${emu}/solaredge`,
    TESLA_AUTH_URL: `${emu}/tesla`,
    TESLA_TOKEN_URL: `${emu}/tesla`,
    TESLA_API_URL: `${emu}/tesla`,
    // The Enphase emulator's demo OAuth app (the real one comes from the Enphase developer portal).
    ENPHASE_CLIENT_ID: "demo-enphase-client",
    ENPHASE_CLIENT_SECRET: "demo-enphase-secret",
    ENPHASE_API_KEY: "demo-enphase-api-key",
    // The Tesla emulator's demo OAuth app (the real one comes from developer.tesla.com).
    TESLA_CLIENT_ID: "demo-tesla-client",
    TESLA_CLIENT_SECRET: "demo-tesla-secret",
    NEXT_TELEMETRY_DISABLED: "1",
    // Next would try to patch package-lock.json from the registry on every start; the install step owns the lockfile.
    NEXT_IGNORE_INCORRECT_LOCKFILE: "1",
    CLERK_TELEMETRY_DISABLED: "1",
    ...(config.smtpUrl ? { SMTP_URL: config.smtpUrl } : {}),
  };
}
