/**
 * Start-up check: a server with invalid configuration (e.g. local sign-in under NODE_ENV=production without the
 * explicit opt-in) prints every problem and exits instead of serving.
 */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is inlined by Next at build time; the edge runtime cannot exit, middleware answers 500 there.
  // eslint-disable-next-line no-restricted-syntax
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { EnvError, getEnv } = await import("./lib/env");
  try {
    const env = getEnv();
    console.log(`[auth] sign-in mode: ${env.AUTH_MODE}`);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`\n[startup] Refusing to start.\n${error.message}\n`);
    process.exit(1);
  }
}
