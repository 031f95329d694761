import { TESLA_DEMO_APP } from "@/scripts/emulators/tesla/accounts";
import type { RunningEmulators } from "@/scripts/emulators/server";
import { exchangeCode, type TeslaApp } from "../oauth";
import { TESLA_SCOPES } from "../tokens";
import type { TeslaTokens } from "../tokens";

export const REDIRECT = "http://localhost:3000/api/auth/tesla/callback";

/** The app settings pointing at a running emulator (auth, token and API hosts are all the emulator). */
export const appOf = (emu: RunningEmulators): TeslaApp => ({
  authUrl: emu.urls.tesla,
  tokenUrl: emu.urls.tesla,
  apiUrl: emu.urls.tesla,
  clientId: TESLA_DEMO_APP.clientId,
  clientSecret: TESLA_DEMO_APP.clientSecret,
});

/** Runs authorize → code → token against the emulator at its current clock. */
export async function grant(emu: RunningEmulators, scope?: string): Promise<TeslaTokens> {
  const u = new URL(`${emu.urls.tesla}/oauth2/v3/authorize`);
  u.searchParams.set("response_type", "code");
  u.searchParams.set("client_id", TESLA_DEMO_APP.clientId);
  u.searchParams.set("redirect_uri", REDIRECT);
  u.searchParams.set("state", "s");
  u.searchParams.set("scope", scope ?? TESLA_SCOPES.join(" "));
  const res = await fetch(u, { redirect: "manual" });
  const code = new URL(res.headers.get("location")!).searchParams.get("code")!;
  return exchangeCode(appOf(emu), code, REDIRECT, new Date(emu.control.now()));
}
