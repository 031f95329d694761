import { parseEnv } from "../env";

describe("configuration", () => {
  it("runs on embedded defaults", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("file:data/local.db");
    expect(env.AUTH_MODE).toBe("local");
    expect(env.kvEnabled).toBe(false);
    expect(env.KV_NAMESPACE).toBe("dev");
  });

  it("reads retention tiers and the archive, refusing a coarser tier shorter than a finer one", () => {
    const env = parseEnv({});
    expect([env.RAW_RETENTION_DAYS, env.RETENTION_5M_DAYS, env.RETENTION_30M_DAYS, env.RETENTION_DAILY_DAYS]).toEqual([
      90,
      730,
      null,
      null,
    ]);
    expect(env.RETENTION_ACCOUNTS_DAYS).toBeNull();
    expect(env.ARCHIVE_MODE).toBe("off");
    expect(parseEnv({ RETENTION_5M_DAYS: "forever" }).RETENTION_5M_DAYS).toBeNull();
    expect(parseEnv({ RETENTION_30M_DAYS: "3650" }).RETENTION_30M_DAYS).toBe(3650);
    expect(() => parseEnv({ RETENTION_5M_DAYS: "30" })).toThrow(
      /RETENTION_5M_DAYS \(30\) must be at least RAW_RETENTION_DAYS/,
    );
    expect(() => parseEnv({ RETENTION_30M_DAYS: "800", RETENTION_5M_DAYS: "forever" })).toThrow(/RETENTION_30M_DAYS/);
    expect(() => parseEnv({ RETENTION_ACCOUNTS_DAYS: "1000" })).toThrow(/RETENTION_ACCOUNTS_DAYS/);
    expect(() => parseEnv({ RETENTION_5M_DAYS: "two years" })).toThrow(/whole number of days/);
    expect(() => parseEnv({ ARCHIVE_MODE: "s3" })).toThrow(/ARCHIVE_S3_BUCKET/);
  });

  it("chooses Clerk when its keys are set", () => {
    expect(parseEnv({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_live_x", CLERK_SECRET_KEY: "sk_live_y" }).AUTH_MODE).toBe(
      "clerk",
    );
  });

  it("refuses local sign-in in production without the explicit opt-in", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/Local sign-in is disabled under NODE_ENV=production/);
    expect(() =>
      parseEnv({ NODE_ENV: "production", LOCAL_AUTH_ALLOW_PRODUCTION: "1", LOCAL_AUTH_SECRET: "short" }),
    ).toThrow(/at least 32/);
    const ok = parseEnv({
      NODE_ENV: "production",
      LOCAL_AUTH_ALLOW_PRODUCTION: "1",
      LOCAL_AUTH_SECRET: "x".repeat(40),
    });
    expect(ok.AUTH_MODE).toBe("local");
  });

  it("explains malformed values", () => {
    expect(() => parseEnv({ ENCRYPTION_KEY: "nothex" })).toThrow(/ENCRYPTION_KEY must be 64 hex characters/);
    expect(() => parseEnv({ DATABASE_URL: "postgres://x" })).toThrow(/DATABASE_URL must start with file:/);
    expect(() => parseEnv({ KV_REST_API_URL: "http://localhost:8079" })).toThrow(/KV_REST_API_TOKEN is missing/);
  });
});
