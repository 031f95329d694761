import { ClerkProvider } from "@clerk/nextjs";
import { getEnv } from "@/lib/env";

/**
 * Wraps the app in ClerkProvider in Clerk mode only; local mode renders children as they are and needs no Clerk keys.
 * Put it in app/layout.tsx around <html> (or inside <body>).
 */
export function AuthProvider({ children }: { children: React.ReactNode }) {
  const env = getEnv();
  if (env.AUTH_MODE !== "clerk") return <>{children}</>;
  return (
    <ClerkProvider
      publishableKey={env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY}
      signInUrl="/sign-in"
      signInFallbackRedirectUrl="/dashboard"
      afterSignOutUrl="/"
    >
      {children}
    </ClerkProvider>
  );
}
