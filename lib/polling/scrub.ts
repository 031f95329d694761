/** Most a session keeps of a vendor response (bytes of JSON text). */
export const MAX_RESPONSE_CHARS = 16_384;

// Matched against the key lower-cased with `_` and `-` removed: password, pwd, accessToken, api_key, Set-Cookie …
const SECRET_KEY = /(password|passwd|^pwd$|token|secret|apikey|cookie|authorization|^auth$|credential|^key$)/;

/** A deep copy with secret-looking keys (and `Bearer …` strings) replaced by "[redacted]". */
export function scrubSecrets(value: unknown, depth = 0): unknown {
  if (depth > 20) return "[too deep]";
  if (typeof value === "string") return /^(Bearer|Basic) /i.test(value) ? "[redacted]" : value;
  if (Array.isArray(value)) return value.map((v) => scrubSecrets(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k.toLowerCase().replace(/[_-]/g, "")) ? "[redacted]" : scrubSecrets(v, depth + 1);
    }
    return out;
  }
  return value;
}

/**
 * The JSON text a session stores for a vendor response: secrets scrubbed and at most MAX_RESPONSE_CHARS; a
 * longer one becomes `{ truncated, chars, preview }` so the column always holds valid JSON.
 */
export function responseForSession(response: unknown): string | null {
  if (response === undefined || response === null) return null;
  let text: string;
  try {
    text = JSON.stringify(scrubSecrets(response)) ?? "null";
  } catch {
    text = JSON.stringify({ unserializable: String(response).slice(0, 200) });
  }
  if (text.length <= MAX_RESPONSE_CHARS) return text;
  return JSON.stringify({ truncated: true, chars: text.length, preview: text.slice(0, MAX_RESPONSE_CHARS - 200) });
}
