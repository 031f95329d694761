import { parseEnv } from "../env";

describe("configuration", () => {
  it("runs on embedded defaults", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("file:data/local.db");
    expect(env.AUTH_MODE).toBe("local");
    expect(env.kvEnabled).toBe(false);
    expect(env.KV_NAMESPACE).toBe("dev");
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
