/** The production build the HTTP and front-end benchmarks use, beside the app's own .next. */
export const BENCH_DIST = ".next-bench";
/** Local sign-in secret of the benchmark's `next start` (a throwaway, never a deployment's). */
export const BENCH_AUTH_SECRET = "bench-local-auth-secret-0123456789abcdef";

/**
 * Environment for `next build` / `next start` of the benchmarks (a production build, local sign-in, no
 * telemetry). NODE_ENV must be production here: the bench process itself runs as development, and `next build`
 * under that fails prerendering /404.
 */
export function benchNextEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: "production",
    NEXT_DIST_DIR: BENCH_DIST,
    AUTH_MODE: "local",
    LOCAL_AUTH_ALLOW_PRODUCTION: "1",
    LOCAL_AUTH_SECRET: BENCH_AUTH_SECRET,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_IGNORE_INCORRECT_LOCKFILE: "1",
    CLERK_TELEMETRY_DISABLED: "1",
    ...extra,
  };
}
