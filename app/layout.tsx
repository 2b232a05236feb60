import type { Metadata } from "next";
import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shell");
  return {
    title: { default: "RecDesk", template: "%s · RecDesk" },
    description: t("appDescription"),
    // A recording dot with a stop square: the tab to find at 3 a.m. among a dozen consoles.
    icons: { icon: "/favicon.svg" },
  };
}

// The language comes from the account, the cookie or the browser (lib/i18n/request.ts); <html lang> follows it,
// and client components get the same catalogs through the provider.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen antialiased">
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
