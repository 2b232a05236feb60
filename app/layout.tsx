import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "RecDesk", template: "%s · RecDesk" },
  description: "See, stop and start Tencent Cloud Live recording tasks",
  // A recording dot with a stop square: the tab to find at 3 a.m. among a dozen consoles.
  icons: { icon: "/favicon.svg" },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">{children}</body>
    </html>
  );
}
