import "server-only";
import { VendorError, type AdapterContext, type FetchResult, type PollAdapter } from "@/lib/vendors/types";

/**
 * Calls adapter.fetchLatestData with an abort signal that fires after `timeoutMs`, and stops waiting at that
 * moment even if the adapter ignores the signal (a TIMEOUT VendorError).
 */
export async function fetchWithTimeout(
  adapter: PollAdapter,
  ctx: Omit<AdapterContext, "signal">,
  timeoutMs: number,
): Promise<FetchResult> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new VendorError("TIMEOUT", `${adapter.displayName} did not answer within ${timeoutMs} ms`);
      controller.abort(err);
      reject(err);
    }, timeoutMs);
  });
  try {
    return await Promise.race([adapter.fetchLatestData({ ...ctx, signal: controller.signal }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Stable error code, message, retry hint and vendor response of anything a poll may throw. */
export function classifyError(err: unknown): {
  code: string;
  message: string;
  retryAfterMs?: number;
  response?: unknown;
} {
  if (err instanceof VendorError) {
    return {
      code: err.code,
      message: err.message,
      retryAfterMs: err.options.retryAfterMs,
      response: err.options.response,
    };
  }
  if (err instanceof Error && "code" in err && (err as { code: unknown }).code === "CONFIG") {
    return { code: "CONFIG", message: err.message };
  }
  if (err instanceof Error && err.name === "AbortError") return { code: "TIMEOUT", message: err.message };
  return { code: "INTERNAL", message: err instanceof Error ? err.message : String(err) };
}
