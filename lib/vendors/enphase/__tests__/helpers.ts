import { ENPHASE_DEMO_APP } from "@/scripts/emulators/enphase/accounts";
import type { RunningEmulators } from "@/scripts/emulators/server";
import type { IntervalTruth } from "@/scripts/emulators/sim";
import { VendorError } from "../../types";
import { exchangeCode } from "../oauth";
import type { EnphaseTokens } from "../tokens";

export const REDIRECT = "http://localhost:3000/api/auth/enphase/callback";

/** The app settings pointing at a running emulator. */
export const appOf = (emu: RunningEmulators) => ({
  baseUrl: emu.urls.enphase,
  apiKey: ENPHASE_DEMO_APP.apiKey,
  clientId: ENPHASE_DEMO_APP.clientId,
  clientSecret: ENPHASE_DEMO_APP.clientSecret,
});

/** Runs the authorize → code → token dance against the emulator at its current clock. */
export async function grant(emu: RunningEmulators): Promise<EnphaseTokens> {
  const u = new URL(`${emu.urls.enphase}/oauth/authorize`);
  u.searchParams.set("response_type", "code");
  u.searchParams.set("client_id", ENPHASE_DEMO_APP.clientId);
  u.searchParams.set("redirect_uri", REDIRECT);
  u.searchParams.set("state", "s");
  const res = await fetch(u, { redirect: "manual" });
  const code = new URL(res.headers.get("location")!).searchParams.get("code")!;
  return exchangeCode(appOf(emu), code, REDIRECT, new Date(emu.control.now()));
}

/** The thrown VendorError of a promise (fails the test if it resolves or throws something else). */
export async function failure(p: Promise<unknown>): Promise<VendorError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof VendorError) return err;
    throw err;
  }
  throw new Error("expected a VendorError");
}

/** The simulator's truth of a 5-minute interval of an Enphase system. */
export const truthOf = (emu: RunningEmulators, systemId: string, endMs: number) =>
  emu.control.truth("enphase", systemId, endMs) as IntervalTruth;

/** Within 0.5% (or half a unit, the API's integer resolution). */
export function close(got: number, truth: number): boolean {
  return Math.abs(got - truth) <= Math.max(Math.abs(truth) * 0.005, 0.5);
}
