import { createHmac, timingSafeEqual } from "node:crypto";

/** Header with the send time (ms since the epoch, as text) that the signature covers. */
export const TIMESTAMP_HEADER = "X-Alert-Timestamp";
/** Header with `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` under the channel's secret. */
export const SIGNATURE_HEADER = "X-Alert-Signature";
/** A receiver should refuse signatures older than this (replays). */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

/** The signature header value of a webhook body sent at `timestampMs`. */
export function signWebhook(secret: string, timestampMs: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestampMs}.${body}`).digest("hex")}`;
}

/**
 * What a receiver does (docs/api.md shows the same): recompute the HMAC over `timestamp + "." + raw body`, compare
 * in constant time, and refuse a timestamp too far from its clock.
 */
export function verifyWebhook(
  secret: string,
  timestampHeader: string | null,
  signatureHeader: string | null,
  body: string,
  nowMs = Date.now(),
): boolean {
  if (!timestampHeader || !signatureHeader || !/^\d{1,16}$/.test(timestampHeader)) return false;
  if (Math.abs(nowMs - Number(timestampHeader)) > SIGNATURE_TOLERANCE_MS) return false;
  const expected = Buffer.from(signWebhook(secret, Number(timestampHeader), body));
  const given = Buffer.from(signatureHeader);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
