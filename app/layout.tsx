import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "Solar Monitor",
  description: "Live and historical solar and battery monitoring",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body>{children}</body>
    </html>
  );
}
