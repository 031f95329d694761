/** State shared by the Mondo identity and API emulators: antiforgery pairs, sign-ins, codes and access tokens. */
export class MondoStore {
  /** Form token → antiforgery cookie value it was issued with. */
  readonly antiforgery = new Map<string, string>();
  /** Identity cookie → email. */
  readonly identitySessions = new Map<string, string>();
  /** Authorization code → who, the PKCE challenge, and when it expires. */
  readonly codes = new Map<string, { email: string; challenge: string; expiresMs: number }>();
  /** Access token → who, and when it expires (virtual clock). */
  readonly accessTokens = new Map<string, { email: string; expiresMs: number }>();
  /** Every token exchange's challenge and the verifier presented (for PKCE tests). */
  readonly pkceLog: Array<{ challenge: string; verifier: string }> = [];

  /** Forgets everything (emulator reset). */
  clear(): void {
    this.antiforgery.clear();
    this.identitySessions.clear();
    this.codes.clear();
    this.accessTokens.clear();
    this.pkceLog.length = 0;
  }
}

/** A cookie's value from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}
