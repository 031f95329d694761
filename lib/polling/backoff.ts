/** First retry delay after a failure; doubles with each consecutive failure. */
export const BACKOFF_BASE_MS = 30_000;
/** Longest exponential back-off between attempts. */
export const BACKOFF_MAX_MS = 30 * 60_000;
/** Longest vendor Retry-After we honour (a bogus huge value must not silence a system for days). */
export const RETRY_AFTER_MAX_MS = 6 * 3600_000;

/**
 * How long to wait before the next attempt after `consecutiveErrors` failures in a row (1 = first failure):
 * the vendor's Retry-After when given, else 30 s, 1 min, 2 min … capped at 30 min.
 */
export function backoffMs(consecutiveErrors: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0) {
    return Math.min(retryAfterMs, RETRY_AFTER_MAX_MS);
  }
  const n = Math.max(1, consecutiveErrors);
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(n - 1, 20));
}
