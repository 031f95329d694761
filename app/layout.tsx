import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { AuthProvider } from "@/components/auth/auth-provider";
import { SiteHeader } from "@/components/layout/site-header";
import { ThemeProvider } from "@/components/layout/theme-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Solar Monitor", template: "%s · Solar Monitor" },
  description: "Live and historical solar and battery monitoring",
};

// Every page depends on who is signed in and on runtime configuration (auth mode, secrets): render on request,
// never at build time, so a build needs no production secrets.
export const dynamic = "force-dynamic";

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0a0f1c" },
  ],
};

// System fonts only (Tailwind's font-sans stack): next/font/google would fetch at build time and fail offline.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body>
        <AuthProvider>
          <ThemeProvider>
            <a
              href="#main"
              className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2"
            >
              Skip to content
            </a>
            <SiteHeader />
            <div id="main">{children}</div>
          </ThemeProvider>
        </AuthProvider>
      </body>
    </html>
  );
}
