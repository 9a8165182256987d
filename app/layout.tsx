import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { SURFACE_HEADER } from "../lib/surface.ts";
import "./globals.css";

export const metadata: Metadata = { title: { default: "Centrala", template: "%s · Centrala" }, description: "Contact centre in the browser" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  // The chat widget provides its own (few) words in the visitor's language; the staff's screens get all of theirs.
  const widget = (await headers()).get(SURFACE_HEADER) === "widget";
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <NextIntlClientProvider locale={locale} messages={widget ? {} : await getMessages()}>
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
