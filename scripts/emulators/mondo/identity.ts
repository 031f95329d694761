import { createHash, randomBytes } from "node:crypto";
import type { EmulatorResponse, HandlerContext, RouteMatch, VendorEmulator } from "../types";
import type { MondoAccount } from "./accounts";
import { cookieValue, type MondoStore } from "./store";

export const CLIENT_ID = "platform.frontend";
export const REDIRECT_URI = "https://platform.mondopower.com.au/signin-callback";
export const TOKEN_LIFETIME_S = 3600;
const AF_COOKIE = ".AspNetCore.Antiforgery.mondo";
const ID_COOKIE = ".AspNetCore.Identity.Application";
const CODE_LIFETIME_MS = 5 * 60_000;

const token = () => randomBytes(24).toString("base64url");
const html = (status: number, body: string, headers: Record<string, string> = {}): EmulatorResponse => ({
  status,
  headers: { "content-type": "text/html; charset=utf-8", ...headers },
  body: `<!DOCTYPE html><html><head><title>Mondo - Sign in</title></head><body>${body}</body></html>`,
});

/** The Duende-style login page with its antiforgery token; `error` shows the validation summary. */
function loginPage(formToken: string, returnUrl: string, error?: string): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    (error ? `<div class="validation-summary-errors"><ul><li>${esc(error)}</li></ul></div>` : "") +
    `<form method="post" action="/Account/Login"><input type="hidden" name="ReturnUrl" value="${esc(returnUrl)}">` +
    `<input name="Email" type="email"><input name="Password" type="password">` +
    `<input name="RememberMe" type="checkbox" value="true">` +
    `<input name="__RequestVerificationToken" type="hidden" value="${formToken}"><button>Login</button></form>`
  );
}

/** base64url(SHA-256(verifier)): the S256 PKCE transform. */
export const s256 = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");

/** The identity host (/mondo-identity): login form with antiforgery, authorize with PKCE S256, token exchange. */
export function createMondoIdentityEmulator(store: MondoStore, accounts: () => MondoAccount[]): VendorEmulator {
  const account = (email: string) => accounts().find((a) => a.email.toLowerCase() === email.trim().toLowerCase());

  const getLogin = (ctx: HandlerContext): EmulatorResponse => {
    const cookie = token();
    const formToken = token();
    store.antiforgery.set(formToken, cookie);
    const returnUrl = ctx.req.query.get("ReturnUrl") ?? "/";
    return html(200, loginPage(formToken, returnUrl), {
      "set-cookie": `${AF_COOKIE}=${cookie}; path=/; samesite=strict; httponly`,
    });
  };

  const postLogin = (ctx: HandlerContext): EmulatorResponse => {
    const form = new URLSearchParams(ctx.req.body);
    const formToken = form.get("__RequestVerificationToken") ?? "";
    const cookie = cookieValue(ctx.req.headers.cookie, AF_COOKIE);
    if (!cookie || store.antiforgery.get(formToken) !== cookie) {
      return html(400, "<h1>Bad Request</h1><p>The antiforgery token could not be validated.</p>");
    }
    store.antiforgery.delete(formToken);
    const a = account(form.get("Email") ?? "");
    const ok = ctx.mode !== "bad_credentials" && a !== undefined && a.password === form.get("Password");
    ctx.recordLogin(a?.email ?? "(unknown)", ok);
    if (!ok) return html(200, loginPage(formToken, form.get("ReturnUrl") ?? "/", "Invalid username or password"));
    const session = token();
    store.identitySessions.set(session, a.email);
    return {
      status: 302,
      headers: { location: form.get("ReturnUrl") || "/", "set-cookie": `${ID_COOKIE}=${session}; path=/; httponly` },
      body: "",
    };
  };

  const authorize = (ctx: HandlerContext): EmulatorResponse => {
    const q = ctx.req.query;
    const email = store.identitySessions.get(cookieValue(ctx.req.headers.cookie, ID_COOKIE) ?? "");
    if (!email) {
      const back = `/connect/authorize?${q.toString()}`;
      return {
        status: 302,
        headers: { location: `/mondo-identity/Account/Login?ReturnUrl=${encodeURIComponent(back)}` },
      };
    }
    const challenge = q.get("code_challenge") ?? "";
    const problems = [
      q.get("client_id") !== CLIENT_ID && "unknown client_id",
      q.get("response_type") !== "code" && "response_type must be code",
      q.get("redirect_uri") !== REDIRECT_URI && "redirect_uri not allowed",
      !/^[A-Za-z0-9_-]{43,128}$/.test(challenge) && "code_challenge missing",
      q.get("code_challenge_method") !== "S256" && "code_challenge_method must be S256",
      !(q.get("scope") ?? "").split(" ").includes("mondoapi") && "scope must include mondoapi",
    ].filter(Boolean);
    if (problems.length) return html(400, `<h1>Error</h1><p>invalid_request: ${problems.join(", ")}</p>`);
    const code = token();
    store.codes.set(code, { email, challenge, expiresMs: ctx.nowMs + CODE_LIFETIME_MS });
    const state = q.get("state") ? `&state=${encodeURIComponent(q.get("state")!)}` : "";
    const location = `${REDIRECT_URI}?code=${code}&scope=${encodeURIComponent(q.get("scope")!)}${state}&session_state=x`;
    return { status: 302, headers: { location } };
  };

  const exchange = (ctx: HandlerContext): EmulatorResponse => {
    const form = new URLSearchParams(ctx.req.body);
    const invalid = (error: string) => ({ status: 400, body: { error } });
    if (form.get("grant_type") !== "authorization_code") return invalid("unsupported_grant_type");
    if (form.get("client_id") !== CLIENT_ID) return invalid("invalid_client");
    const code = store.codes.get(form.get("code") ?? "");
    store.codes.delete(form.get("code") ?? ""); // single use, even when the exchange fails
    if (!code || code.expiresMs < ctx.nowMs || form.get("redirect_uri") !== REDIRECT_URI)
      return invalid("invalid_grant");
    const verifier = form.get("code_verifier") ?? "";
    store.pkceLog.push({ challenge: code.challenge, verifier });
    if (s256(verifier) !== code.challenge) return invalid("invalid_grant");
    const access = token();
    store.accessTokens.set(access, { email: code.email, expiresMs: ctx.nowMs + TOKEN_LIFETIME_S * 1000 });
    return {
      status: 200,
      body: {
        id_token: `${token()}.${token()}.${token()}`,
        access_token: access,
        expires_in: TOKEN_LIFETIME_S,
        token_type: "Bearer",
        refresh_token: token(),
        scope: "openid profile mondoapi offline_access",
      },
    };
  };

  return {
    vendor: "mondo-identity",
    prefix: "/mondo-identity",
    route(req): RouteMatch | null {
      const p = req.path.replace(/\/+$/, "") || "/";
      if (p === "/Account/Login") return { kind: "login", handle: req.method === "POST" ? postLogin : getLogin };
      if (p === "/connect/authorize" && req.method === "GET") return { kind: "login", handle: authorize };
      if (p === "/connect/token" && req.method === "POST") return { kind: "login", handle: exchange };
      return null;
    },
    reset: () => store.clear(),
    describe: () => accounts().map((a) => `${a.email} / ${a.password}`),
  };
}
