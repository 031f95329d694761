import { register } from "@/instrumentation";
import { EnvError, parseEnv, resetEnv } from "@/lib/env";
import { CLERK_TEST_PUBLISHABLE_KEY, CLERK_TEST_SECRET_KEY } from "@/test/helpers/auth";

const LONG_SECRET = "x".repeat(32);

describe("auth mode selection and the production refusal", () => {
  test.each<[string, Record<string, string>, "clerk" | "local" | RegExp]>([
    ["no keys → local", { NODE_ENV: "development" }, "local"],
    [
      "Clerk keys → clerk",
      { NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: CLERK_TEST_PUBLISHABLE_KEY, CLERK_SECRET_KEY: CLERK_TEST_SECRET_KEY },
      "clerk",
    ],
    ["AUTH_MODE=clerk without keys", { AUTH_MODE: "clerk" }, /AUTH_MODE=clerk needs NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY/],
    [
      "production without Clerk or opt-in",
      { NODE_ENV: "production" },
      /Local sign-in is disabled under NODE_ENV=production/,
    ],
    [
      "production opt-in with a short secret",
      { NODE_ENV: "production", LOCAL_AUTH_ALLOW_PRODUCTION: "1", LOCAL_AUTH_SECRET: "short" },
      /LOCAL_AUTH_SECRET of at least 32/,
    ],
    [
      "production opt-in with a long secret → local",
      { NODE_ENV: "production", LOCAL_AUTH_ALLOW_PRODUCTION: "1", LOCAL_AUTH_SECRET: LONG_SECRET },
      "local",
    ],
  ])("%s", (_label, vars, expected) => {
    if (expected instanceof RegExp) {
      expect(() => parseEnv(vars)).toThrow(EnvError);
      expect(() => parseEnv(vars)).toThrow(expected);
    } else {
      expect(parseEnv(vars).AUTH_MODE).toBe(expected);
    }
  });
});

describe("instrumentation register()", () => {
  const saved = { ...process.env };
  let exit: jest.SpyInstance;
  let error: jest.SpyInstance;

  beforeEach(() => {
    exit = jest.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    error = jest.spyOn(console, "error").mockImplementation(() => {});
    jest.spyOn(console, "log").mockImplementation(() => {});
    process.env.NEXT_RUNTIME = "nodejs";
  });
  afterEach(() => {
    jest.restoreAllMocks();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    resetEnv();
  });

  test("prints the reason and exits 1 when local sign-in would run in production", async () => {
    Object.assign(process.env, { NODE_ENV: "production" });
    resetEnv();
    await register();
    expect(exit).toHaveBeenCalledWith(1);
    expect(error.mock.calls.join("\n")).toMatch(
      /Refusing to start[\s\S]*Local sign-in is disabled under NODE_ENV=production[\s\S]*LOCAL_AUTH_ALLOW_PRODUCTION=1/,
    );
  });

  test("starts normally with the explicit opt-in", async () => {
    Object.assign(process.env, {
      NODE_ENV: "production",
      LOCAL_AUTH_ALLOW_PRODUCTION: "1",
      LOCAL_AUTH_SECRET: LONG_SECRET,
    });
    resetEnv();
    await register();
    expect(exit).not.toHaveBeenCalled();
  });

  test("does nothing in the edge runtime (middleware answers 500 there instead)", async () => {
    Object.assign(process.env, { NODE_ENV: "production", NEXT_RUNTIME: "edge" });
    resetEnv();
    await register();
    expect(exit).not.toHaveBeenCalled();
  });
});
