import { authMiddleware } from "@/lib/auth/middleware";

/** Every page and API route passes through sign-in checks (see lib/auth/middleware.ts for the public routes). */
export const middleware = authMiddleware;
export default authMiddleware;

export const config = {
  matcher: [
    // Everything except Next internals and static files (unless they appear in a query string)…
    "/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)",
    // …and always the API routes.
    "/(api|trpc)(.*)",
  ],
};
