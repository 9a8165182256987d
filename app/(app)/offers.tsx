"use client";
// Work offered to the agent pops up wherever they are, with the time left to take it and an
// audible cue; accepting opens the case. Offers come and go live (myWorkChanged, which opens with
// a "live" event once it listens: the offers are read again then).
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useMutation, useQuery, useSubscription } from "urql";
import { Button } from "../_components/button.tsx";
import { apiError } from "../_client/errors.ts";
import { graphql } from "../_client/graphql.ts";
import { desktopNotification } from "../_client/desktop-notifications.ts";
import { useTitleBadge } from "../_client/document-title.ts";
import { useMe } from "../_client/me.tsx";
import { useNow } from "../_client/use-now.ts";
import { useErrorText } from "../_client/use-error-text.ts";
import { CallbackFacts } from "./callback-facts.tsx";

const Offers = graphql(`
  query MyOffers {
    myWork {
      offers {
        id
        channel
        expiresAt
        isTransfer
        transferNote
        firstMessage
        queue {
          id
          name
        }
        interaction {
          id
          caseId
          topic
          data
        }
      }
    }
  }
`);
const WorkChanged = graphql(`
  subscription MyWorkChanged {
    myWorkChanged {
      kind
      interactionId
      caseId
    }
  }
`);
/** How many events the feed has brought, and how many of them were declined transfers. */
interface WorkFeed {
  events: number;
  declined: number;
}
const Accept = graphql(`
  mutation AcceptOffer($offerId: ID!) {
    acceptOffer(offerId: $offerId) {
      id
      caseId
    }
  }
`);
const Reject = graphql(`
  mutation RejectOffer($offerId: ID!) {
    rejectOffer(offerId: $offerId)
  }
`);

export function OfferPopups() {
  const t = useTranslations("offers");
  const errors = useErrorText();
  const router = useRouter();
  const now = useNow(500);
  const [{ data }, refetch] = useQuery({ query: Offers, requestPolicy: "network-only" });
  // Folded per event, so a declined transfer is noticed even when another event lands in the same render.
  const [{ data: feed }] = useSubscription({ query: WorkChanged }, (seen: WorkFeed = { events: 0, declined: 0 }, e) => ({
    events: seen.events + 1,
    declined: seen.declined + (e.myWorkChanged.kind === "transfer_failed" ? 1 : 0),
  }));
  const [, accept] = useMutation(Accept);
  const [, reject] = useMutation(Reject);
  const [notice, setNotice] = useState<string | null>(null);
  const known = useRef(new Set<string>());
  const me = useMe();
  const notify = me.user.desktopNotifications;

  // Every event re-reads the offers, the first (live) included: the feed is listening by then, so
  // an offer made before it started — or while it was reconnecting — is read, and any later one is heard.
  const events = feed?.events ?? 0;
  useEffect(() => {
    if (events) refetch({ requestPolicy: "network-only" });
  }, [events, refetch]);
  const declined = feed?.declined ?? 0;
  useEffect(() => {
    if (declined) setNotice(t("transferDeclined"));
  }, [declined, t]);

  const offers = (data?.myWork.offers ?? []).filter((o) => !o.expiresAt || Date.parse(o.expiresAt) > now);
  useEffect(() => {
    const fresh = offers.filter((o) => !known.current.has(o.id));
    fresh.forEach((o) => known.current.add(o.id));
    if (!fresh.length) return;
    chime();
    if (notify) for (const o of fresh) desktopNotification(heading(o), o.firstMessage ?? "", o.id);
  });
  useTitleBadge(offers.length);

  /** "Chat · Anna Nowak" — what the offer is and who, for the card and the notification alike. */
  function heading(o: (typeof offers)[number]) {
    const given = (o.interaction.data ?? {}) as Record<string, string>;
    const kind = o.isTransfer ? t("transfer") : given.callback ? t("callback") : t(`channel.${o.channel}`);
    const who = given.callback
      ? t("callbackTo", { number: given.name ? `${given.name}, ${given.phone}` : given.phone })
      : [given.name, o.channel === "VOICE" ? given.phone : null].filter(Boolean).join(", ") || t("anonymous");
    return `${kind} · ${who}`;
  }

  if (!offers.length && !notice) return null;
  return (
    <div className="fixed right-4 bottom-4 z-30 w-80 space-y-2" aria-live="assertive">
      {notice && (
        <div className="rounded-lg bg-slate-900 px-4 py-3 text-sm text-white shadow-lg" role="status">
          {notice}{" "}
          <button type="button" className="ml-2 underline" onClick={() => setNotice(null)}>
            {t("dismiss")}
          </button>
        </div>
      )}
      {offers.map((o) => {
        const given = (o.interaction.data ?? {}) as Record<string, string>;
        const left = o.expiresAt ? Math.max(0, Math.ceil((Date.parse(o.expiresAt) - now) / 1000)) : null;
        return (
          <div key={o.id} className="rounded-xl bg-white p-4 shadow-xl ring-2 ring-brand-500" role="alertdialog" aria-label={t("title")} data-testid="offer">
            <p className="text-xs font-semibold tracking-wide text-brand-700 uppercase">
              {o.isTransfer ? t("transfer") : given.callback ? t("callback") : given.campaignId ? t("campaignCall") : t(`channel.${o.channel}`)}
            </p>
            <p className="mt-1 font-medium text-slate-900">
              {given.callback
                ? t("callbackTo", { number: given.name ? `${given.name}, ${given.phone}` : given.phone })
                : [given.name, o.channel === "VOICE" ? given.phone : null].filter(Boolean).join(", ") || t("anonymous")}
            </p>
            <p className="text-sm text-slate-600">
              {o.queue.name}
              {given.topic && !given.callback ? ` · ${given.topic}` : ""}
            </p>
            {given.callback && <CallbackFacts data={o.interaction.data} className="mt-1" />}
            {o.firstMessage && (
              <blockquote className="mt-2 line-clamp-3 rounded border-l-2 border-brand-300 bg-slate-50 px-2 py-1 text-sm text-slate-800" data-testid="offer-preview">
                {o.firstMessage}
              </blockquote>
            )}
            {o.transferNote && <p className="mt-1 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900">{o.transferNote}</p>}
            <div className="mt-3 flex items-center gap-2">
              <Button
                variant="primary"
                data-testid="accept-offer"
                data-shortcut="accept"
                onClick={async () => {
                  const r = await accept({ offerId: o.id });
                  const e = apiError(r.error);
                  if (e) setNotice(errors.message(e));
                  else if (r.data) router.push(`/agent/cases/${r.data.acceptOffer.caseId}`);
                  refetch({ requestPolicy: "network-only" });
                }}
              >
                {t("accept")}
              </Button>
              <Button
                onClick={async () => {
                  await reject({ offerId: o.id });
                  refetch({ requestPolicy: "network-only" });
                }}
              >
                {t("reject")}
              </Button>
              {left !== null && <span className="ml-auto text-sm text-slate-500 tabular-nums">{t("secondsLeft", { seconds: left })}</span>}
            </div>
          </div>
        );
      })}
    </div>
  );
}

/** Two short tones; silent where the browser does not allow sound yet. */
function chime() {
  try {
    const ctx = new AudioContext();
    [880, 1175].forEach((f, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = f;
      gain.gain.value = 0.08;
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + i * 0.18);
      osc.stop(ctx.currentTime + i * 0.18 + 0.15);
    });
    setTimeout(() => void ctx.close(), 800);
  } catch {
    // no audio: the pop-up is still there
  }
}
