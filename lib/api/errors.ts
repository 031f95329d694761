import type { ZodError } from "zod";

export type ApiErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED"
  | "VENDOR_ERROR"
  | "INTERNAL";

export const STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  VENDOR_ERROR: 502,
  INTERNAL: 500,
};

/** An error a route may throw; withRoute turns it into `{ error: { code, message, details? } }`. */
export class ApiError extends Error {
  constructor(
    public readonly code: ApiErrorCode,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }

  /**
   * 400 listing the zod issues as `field: message` (the first few in the message, all of them in details). What the
   * caller sent is never echoed back: zod's "received '…'" is cut, and each message is kept short.
   */
  static fromZod(error: ZodError, what = "request"): ApiError {
    const issues = error.issues.slice(0, MAX_ISSUES).map((i) => ({
      path: shorten(i.path.join("."), 80),
      message: issueMessage(i.message),
    }));
    const shown = issues.slice(0, 3).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    const more = error.issues.length - shown.length;
    const summary = shown.join("; ") + (more > 0 ? ` (and ${more} more)` : "");
    return new ApiError("BAD_REQUEST", `Invalid ${what}: ${summary}`, { issues });
  }
}

export const unauthorized = (message = "Sign in to continue") => new ApiError("UNAUTHORIZED", message);
export const forbidden = (message = "You do not have access to this resource") => new ApiError("FORBIDDEN", message);
export const notFound = (message = "Not found") => new ApiError("NOT_FOUND", message);

const MAX_ISSUES = 20;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A zod issue message without the value the caller sent, at most 160 characters. */
function issueMessage(message: string): string {
  return shorten(message.replace(/,?\s*received\s+(['"]).*\1\s*$/s, ""), 160);
}
