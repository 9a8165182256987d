"use client";
import { NextIntlClientProvider, useLocale, useMessages, useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { useMutation, useQuery } from "urql";
import { Loading } from "../_components/page.tsx";
import { Notice } from "../_components/notice.tsx";
import { graphql } from "../_client/graphql.ts";
import { MeContext, MeQuery } from "../_client/me.tsx";
import { PresenceProvider } from "../_client/presence.tsx";
import { useSessionKeepAlive } from "../_client/session-keep-alive.ts";
import { UrqlProvider } from "../_client/urql-provider.tsx";
import { AwayPrompt } from "./away-prompt.tsx";
import { OfferPopups } from "./offers.tsx";
import { Shortcuts } from "./shortcuts.tsx";
import { Softphone } from "./softphone/softphone.tsx";
import { TopBar } from "./top-bar.tsx";

const SetLocale = graphql(`
  mutation SetMyLocale($locale: Locale!) {
    setMyLocale(locale: $locale) {
      id
      locale
    }
  }
`);

export function AppShell({ children }: { children: ReactNode }) {
  const t = useTranslations("common");
  return (
    <UrqlProvider
      fallback={
        <div className="p-8">
          <Loading label={t("loading")} />
        </div>
      }
    >
      <SignedIn>{children}</SignedIn>
    </UrqlProvider>
  );
}

function SignedIn({ children }: { children: ReactNode }) {
  const t = useTranslations("common");
  const [{ data, error }] = useQuery({ query: MeQuery, requestPolicy: "cache-first" });
  const [, setLocale] = useMutation(SetLocale);
  useSessionKeepAlive();
  const desk = usePathname().startsWith("/agent");
  const locale = useLocale();
  const messages = useMessages();
  if (error && !data)
    return (
      <div className="p-8">
        <Notice tone="error">{t("loadFailed")}</Notice>
      </div>
    );
  if (!data)
    return (
      <div className="p-8">
        <Loading label={t("loading")} />
      </div>
    );
  const me = data.me;
  const body = (
    // The page scrolls under the top bar, never the bar itself: the agent's desk fits its columns
    // to the height left (each scrolls on its own), other pages scroll here as a whole.
    <div className="flex h-dvh flex-col">
      <TopBar onLocale={(l) => setLocale({ locale: l })} />
      <div className="relative min-h-0 flex-1 overflow-y-auto" data-testid="page-scroll">
        {/* The desk fits the height; other pages leave room under their end for the softphone's button. */}
        <main className={`mx-auto max-w-[1600px] px-4 pt-6 sm:px-6 ${desk ? "h-full pb-6" : "pb-24"}`}>{children}</main>
      </div>
      {me.permissions.includes("agents.work") && <OfferPopups />}
      {me.permissions.includes("agents.work") && <AwayPrompt />}
      {me.permissions.includes("agents.work") && <Shortcuts />}
      {["agents.work", "agents.monitor_team", "agents.monitor_all"].some((p) => me.permissions.includes(p)) && <Softphone />}
    </div>
  );
  return (
    // Times show in the organisation's time zone, whatever the browser's.
    <NextIntlClientProvider locale={locale} messages={messages} timeZone={me.organization.timezone}>
      <MeContext.Provider value={me}>{me.permissions.includes("agents.work") ? <PresenceProvider>{body}</PresenceProvider> : body}</MeContext.Provider>
    </NextIntlClientProvider>
  );
}
