import "server-only";
import { z } from "zod";
import { readJson, vendorFetch } from "../http";
import { VendorError } from "../types";
import { mondoLogin, type MondoToken } from "./login";

/** A token is reused until this long before it expires. */
export const TOKEN_MARGIN_MS = 60_000;

const tokenStateSchema = z.object({ accessToken: z.string().min(1), expiresAtMs: z.number().finite() });
const namedSchema = z.array(z.object({ id: z.string().min(1), name: z.string().nullish() }).passthrough());
const rowSchema = z.object({
  monitoringPointId: z.string().min(1),
  monitoringPointName: z.string().nullish(),
  name: z.string().nullish(),
  loadType: z.string().nullish(),
  energyNowW: z.number().finite().nullish(),
  totalEnergyWh: z.number().finite().nullish(),
  energyTodayWh: z.number().finite().nullish(),
  energyYesterdayWh: z.number().finite().nullish(),
  stateOfCharge: z.number().finite().nullish(),
});
export type MondoRow = z.infer<typeof rowSchema>;

export interface MondoClientOptions {
  identityUrl: string;
  apiUrl: string;
  email: string;
  password: string;
  /** Saved state (ctx.state): a cached access token. */
  state?: unknown;
  now: Date;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The Mondo platform API with a cached bearer token; signs in (fresh PKCE) when there is none or it is refused. */
export class MondoClient {
  private token: MondoToken | null = null;
  /** Sign-ins performed by this client (0 when a cached token was used). */
  logins = 0;

  constructor(private readonly o: MondoClientOptions) {
    const saved = tokenStateSchema.safeParse(o.state);
    if (saved.success && saved.data.expiresAtMs - TOKEN_MARGIN_MS > o.now.getTime()) this.token = saved.data;
  }

  /** The token to persist after a sign-in; undefined when the cached one was reused. */
  get changedState(): MondoToken | undefined {
    return this.logins > 0 && this.token ? { ...this.token } : undefined;
  }

  /** Organisations of the account. */
  async organizations(): Promise<Array<{ id: string; name: string }>> {
    return named(await this.get("/monitoring/organizations"), "organisations");
  }

  /** Monitoring point groups (sites) of an organisation. */
  async groups(orgId: string): Promise<Array<{ id: string; name: string }>> {
    return named(
      await this.get(`/monitoring/organizations/${encodeURIComponent(orgId)}/monitoringpointgroups`),
      "groups",
    );
  }

  /** The sub-circuit rows of a group: power now and lifetime energy per monitoring point. */
  async subcircuits(groupId: string): Promise<{ rows: MondoRow[]; raw: unknown }> {
    const raw = await this.get(`/subcircuit/${encodeURIComponent(groupId)}`, groupId);
    const list = (raw as { rows?: unknown })?.rows;
    if (!Array.isArray(list))
      throw new VendorError("BAD_RESPONSE", `Mondo sub-circuit data for ${groupId} has no "rows" list`);
    const rows = list.map((r) => rowSchema.safeParse(r)).flatMap((p) => (p.success ? [p.data] : []));
    if (list.length && !rows.length)
      throw new VendorError("BAD_RESPONSE", "Mondo sub-circuit rows have none of the expected fields");
    return { rows, raw };
  }

  private async login(): Promise<MondoToken> {
    this.token = await mondoLogin({ ...this.o });
    this.logins++;
    return this.token;
  }

  /** GET with the bearer token; a 401 on a cached token signs in once and retries once. */
  private async get(path: string, groupId?: string): Promise<unknown> {
    const fresh = this.token === null;
    let res = await this.call(path, this.token ?? (await this.login()));
    if (res.status === 401) {
      await res.body?.cancel();
      if (fresh) throw expired();
      res = await this.call(path, await this.login());
      if (res.status === 401) {
        await res.body?.cancel();
        throw expired();
      }
    }
    if ((res.status === 403 || res.status === 404) && groupId) {
      await res.body?.cancel();
      throw new VendorError("CONFIG", `Mondo group ${groupId} is not visible to this account`, { status: res.status });
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new VendorError("HTTP_ERROR", `Mondo answered HTTP ${res.status} for ${res.where}`, { status: res.status });
    }
    return readJson(res, { redact: [this.o.password, this.token?.accessToken ?? ""] });
  }

  private call(path: string, token: MondoToken) {
    return vendorFetch(`${this.o.apiUrl}${path}`, {
      vendor: "Mondo",
      headers: { authorization: `Bearer ${token.accessToken}`, accept: "application/json" },
      redirect: "manual",
      timeoutMs: this.o.timeoutMs,
      signal: this.o.signal,
    });
  }
}

function expired(): VendorError {
  return new VendorError(
    "SESSION_EXPIRED",
    "Mondo refused a freshly issued access token (HTTP 401 right after sign-in)",
    {
      status: 401,
    },
  );
}

function named(raw: unknown, what: string): Array<{ id: string; name: string }> {
  const parsed = namedSchema.safeParse(raw);
  if (!parsed.success) throw new VendorError("BAD_RESPONSE", `Mondo ${what} response is not a list of {id, name}`);
  return parsed.data.map((x) => ({ id: x.id, name: x.name ?? x.id }));
}
