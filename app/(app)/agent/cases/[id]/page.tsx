"use client";
import { useParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useQuery } from "urql";
import { Notice } from "../../../../_components/notice.tsx";
import { Loading } from "../../../../_components/page.tsx";
import { usePageTitle } from "../../../../_client/document-title.ts";
import { useMe } from "../../../../_client/me.tsx";
import { CallbackBanner } from "./callback-banner.tsx";
import { CaseHeader } from "./case-header.tsx";
import { CaseView } from "./case-query.ts";
import { ChatControls } from "./chat-controls.tsx";
import { Composer } from "./composer.tsx";
import { ContactPanel } from "./contact-panel.tsx";
import { Conversation } from "./conversation.tsx";
import { EmailComposer } from "./email-composer.tsx";
import { SmsComposer } from "./sms-composer.tsx";
import { FaxSender } from "./fax-sender.tsx";
import { CampaignPanel } from "./campaign-panel.tsx";
import { ScriptPanel } from "./script-panel.tsx";
import { useCaseLive } from "./use-case-live.ts";

export default function CasePage() {
  const { id } = useParams<{ id: string }>();
  const t = useTranslations("case");
  const me = useMe();
  const [{ data, error, fetching }, refetch] = useQuery({ query: CaseView, variables: { id }, requestPolicy: "cache-and-network" });
  const live = useCaseLive(id, () => refetch({ requestPolicy: "network-only" }));
  usePageTitle(data?.case ? t("pageTitle", { number: data.case.number }) : null);
  if (!data && fetching) return <Loading label={t("loading")} />;
  if (error && !data) return <Notice tone="error">{t("loadFailed")}</Notice>;
  const kase = data?.case;
  if (!kase) return <Notice tone="warning">{t("notFound")}</Notice>;
  const statuses = data.processes.find((p) => p.id === kase.processId)?.statuses.filter((s) => s.active) ?? [];
  // The conversation this agent can write into: a live chat they handle.
  const liveChat = kase.interactions.find((i) => i.channel === "CHAT" && i.state === "ACTIVE" && i.agent?.id === me.user.id) ?? null;
  // A call of this case the agent is on: transfer it from here (the softphone has the rest).
  const myCall = kase.interactions.find((i) => i.channel === "VOICE" && i.state === "ACTIVE" && i.agent?.id === me.user.id) ?? null;
  const myEmail = kase.interactions.find((i) => i.channel === "EMAIL" && i.state === "ACTIVE" && i.agent?.id === me.user.id) ?? null;
  // A fax is answered by SMS (to the sender's number, or the contact's phone).
  const mySms = kase.interactions.find((i) => (i.channel === "SMS" || i.channel === "FAX") && i.state === "ACTIVE" && i.agent?.id === me.user.id) ?? null;
  const otherLive = kase.interactions.find((i) => i.channel === "CHAT" && i.state === "ACTIVE" && i.agent?.id !== me.user.id) ?? null;

  return (
    // From xl up the header and composer stay put and only the conversation scrolls; the customer
    // panel keeps its own column (and scroll).
    <div className="grid gap-4 xl:h-full xl:grid-cols-[1fr_20rem] xl:grid-rows-[minmax(0,1fr)]">
      <section className="flex min-h-[70vh] flex-col rounded-xl xl:min-h-0 bg-white shadow-sm ring-1 ring-slate-200" aria-label={t("conversation")}>
        <CaseHeader kase={kase} statuses={statuses} />
        <CallbackBanner kase={kase} />
        {liveChat && <ChatControls interaction={liveChat} />}
        {myCall && <ChatControls interaction={myCall} call />}
        {otherLive && (
          <p className="border-b border-slate-100 bg-slate-50 px-4 py-2 text-sm text-slate-600">{t("handledBy", { name: otherLive.agent?.name ?? "" })}</p>
        )}
        <Conversation kase={kase} typing={live.typing} />
        {!kase.canWrite ? (
          // A lead watching an agent's case: the conversation streams in, nothing can be written.
          <p className="border-t border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-600" data-testid="read-only">
            {t("readOnly")}
          </p>
        ) : kase.channel === "EMAIL" ? (
          <EmailComposer kase={kase} mine={myEmail} />
        ) : kase.channel === "SMS" || kase.channel === "FAX" ? (
          <SmsComposer kase={kase} mine={mySms} />
        ) : (
          <Composer kase={kase} liveChat={liveChat} />
        )}
      </section>
      <div className="relative xl:min-h-0 xl:overflow-y-auto" data-testid="customer-column">
        {kase.channel === "VOICE" && <CampaignPanel caseId={kase.id} onCall={Boolean(myCall)} changed={live.change} />}
        {myCall && <ScriptPanel interactionId={myCall.id} />}
        <ContactPanel kase={kase} />
        {/* Beside the conversation, not under it: the conversation keeps its height. */}
        {kase.canWrite && me.permissions.includes("calls.dial_out") && <FaxSender kase={kase} />}
      </div>
    </div>
  );
}
