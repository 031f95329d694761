// Tests run on the embedded defaults: no Clerk keys, no KV, unless a suite sets them itself.
(process.env as Record<string, string>).NODE_ENV = "test";
for (const key of [
  "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
  "CLERK_SECRET_KEY",
  "CLERK_JWT_KEY",
  "KV_REST_API_URL",
  "KV_REST_API_TOKEN",
  "AUTH_MODE",
  "DATABASE_URL",
]) {
  delete process.env[key];
}
