import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";
import { NextResponse, type NextFetchEvent, type NextMiddleware, type NextRequest } from "next/server";
import { EnvError, getEnv, type Env } from "@/lib/env";
import { hasAppBearer } from "./bearer-header";
import { LOCAL_SESSION_COOKIE, verifyLocalSession } from "./local-session";
import { isApiPath, isStaticAssetPath, PUBLIC_ROUTES } from "./public-routes";

// Edge-safe on purpose: no lib/db, no node: modules. Route handlers re-check the user against the database.
const isPublicRoute = createRouteMatcher([...PUBLIC_ROUTES]);

/** True when a request may pass without a session (API calls with a token or share link: the handler checks it). */
export function isPublicRequest(request: NextRequest): boolean {
  const { pathname } = request.nextUrl;
  return isPublicRoute(request) || isStaticAssetPath(pathname) || (isApiPath(pathname) && hasAppBearer(request));
}

/** 401 JSON for APIs; for pages a redirect to /sign-in that comes back to the requested path. */
export function unauthenticatedResponse(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (isApiPath(pathname)) {
    return NextResponse.json(
      { error: { code: "UNAUTHORIZED", message: "Sign in to continue" } },
      { status: 401, headers: { "Cache-Control": "no-store" } },
    );
  }
  const url = new URL("/sign-in", request.url);
  url.searchParams.set("redirect_url", `${pathname}${search}`);
  return NextResponse.redirect(url);
}

/** 500 naming the configuration problems, so a misconfigured deployment never serves pages unprotected. */
function invalidEnvResponse(request: NextRequest, error: EnvError): NextResponse {
  console.error(error.message);
  if (isApiPath(request.nextUrl.pathname)) {
    return NextResponse.json({ error: { code: "INTERNAL", message: error.message } }, { status: 500 });
  }
  return new NextResponse(error.message, { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

async function localMiddleware(request: NextRequest, env: Env): Promise<NextResponse> {
  if (isPublicRequest(request)) return NextResponse.next();
  const session = await verifyLocalSession(request.cookies.get(LOCAL_SESSION_COOKIE)?.value, env.LOCAL_AUTH_SECRET);
  return session ? NextResponse.next() : unauthenticatedResponse(request);
}

// Built lazily and only in Clerk mode: clerkMiddleware answers 500 when its keys are missing.
let clerk: { env: Env; handler: NextMiddleware } | undefined;

function clerkHandler(env: Env): NextMiddleware {
  if (clerk?.env === env) return clerk.handler;
  const handler = clerkMiddleware(
    async (auth, request) => {
      if (isPublicRequest(request)) return;
      const { userId } = await auth();
      if (!userId) return unauthenticatedResponse(request);
    },
    // The secret key is left to Clerk's own CLERK_SECRET_KEY lookup: passing it here would need CLERK_ENCRYPTION_KEY.
    { publishableKey: env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY, jwtKey: env.CLERK_JWT_KEY, signInUrl: "/sign-in" },
  );
  clerk = { env, handler };
  return handler;
}

/** The app's middleware: protects every non-public page and API route in Clerk and local modes. */
export async function authMiddleware(request: NextRequest, event: NextFetchEvent) {
  let env: Env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof EnvError) return invalidEnvResponse(request, error);
    throw error;
  }
  // Clerk would read the token as one of its own session tokens: bearer API calls skip it (handlers authenticate).
  if (isApiPath(request.nextUrl.pathname) && hasAppBearer(request)) return NextResponse.next();
  if (env.AUTH_MODE === "clerk") return clerkHandler(env)(request, event);
  return localMiddleware(request, env);
}
