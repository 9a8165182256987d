"use client";
// Who the customer is: the matched contact (and how sure we are), what they told us before the
// conversation started, and everything they contacted us about before.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../../../_components/button.tsx";
import { Card } from "../../../../_components/page.tsx";
import { useCan } from "../../../../_client/me.tsx";
import type { CaseData } from "./case-query.ts";
import { ContactDialog } from "./contact-dialog.tsx";
import { BlockCallerButton } from "./block-caller.tsx";
import { CallNumberButton } from "../../../softphone/call-number-button.tsx";
import { useDates } from "../../../../_client/use-dates.ts";

export function ContactPanel({ kase }: { kase: CaseData }) {
  const t = useTranslations("case.contact");
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const c = kase.contact;
  // What the customer gave first: a chat's pre-chat form, or a phone call's number, name and what they typed in the IVR.
  const first = kase.interactions.find((i) => i.channel === "CHAT" || (i.channel === "VOICE" && !!(i.data as { dialled?: string } | null)?.dialled));
  const given = (first?.data ?? {}) as Record<string, string | boolean | undefined>;

  return (
    <div className="space-y-4">
      <Card
        title={t("title")}
        actions={
          c &&
          can("contacts.manage") && (
            <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
              {t("edit")}
            </Button>
          )
        }
      >
        {kase.claimedContact ? (
          // Only claimed (typed into a form): the name and what was typed, nothing of the contact's own.
          <div className="space-y-2 text-sm" data-testid="contact-panel">
            <p className="text-base font-semibold text-slate-900">
              {`${kase.claimedContact.firstName} ${kase.claimedContact.lastName}`.trim() || t("noName")}
              <span className="ml-2 rounded bg-orange-100 px-1.5 py-0.5 text-xs font-medium text-orange-800">{t("unverified")}</span>
            </p>
            <p className="text-slate-700" data-testid="claimed-contact">
              {t(`typed.${kase.claimedContact.typedKind}`, { value: kase.claimedContact.typed })}
            </p>
            <p className="text-xs text-slate-500">{t("unverifiedHint")}</p>
          </div>
        ) : c ? (
          <div className="space-y-2 text-sm" data-testid="contact-panel">
            <p className="text-base font-semibold text-slate-900">
              {`${c.firstName} ${c.lastName}`.trim() || t("noName")}
              {c.vip && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">VIP</span>}
            </p>
            {c.company && <p className="text-slate-600">{c.company}</p>}
            <ul className="space-y-0.5">
              {c.identities.map((i) => (
                <li key={i.id} className="text-slate-700">
                  <span className="text-xs text-slate-500">{t(`kind.${i.kind}`)}</span> {i.value}
                  {i.kind === "PHONE" && <CallNumberButton number={i.value} caseId={kase.id} contactId={c.id} />}
                  {i.kind === "PHONE" && <BlockCallerButton number={i.value} />}
                </li>
              ))}
            </ul>
            {Object.entries((c.fields ?? {}) as Record<string, string>).map(([k, v]) => (
              <p key={k} className="text-slate-700">
                <span className="text-xs text-slate-500">{k}</span> {v}
              </p>
            ))}
            {/* Only that it is set: a PIN is for the caller to say, never for us to read out. */}
            {c.secretFieldsSet.includes("pin") && (
              <p className="text-xs text-slate-500" data-testid="pin-on-file">
                {t("pinOnFile")}
              </p>
            )}
            {c.notes && <p className="rounded bg-slate-50 p-2 whitespace-pre-wrap text-slate-700">{c.notes}</p>}
          </div>
        ) : (
          <p className="text-sm text-slate-500">{t("none")}</p>
        )}
      </Card>

      {first && (
        <Card title={first.channel === "VOICE" ? t("givenCall") : t("given")}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            {(["name", "email", "phone", "topic"] as const).map((k) =>
              given[k] ? (
                <div key={k} className="contents">
                  <dt className="text-slate-500">{t(`field.${k}`)}</dt>
                  <dd className="break-words text-slate-900">{String(given[k])}</dd>
                </div>
              ) : null,
            )}
            {given.matchedBy && (
              <div className="contents">
                <dt className="text-slate-500">{t("matched")}</dt>
                <dd data-testid="matched-by" className={given.matchedBy === "VERIFIED_ID" ? "text-emerald-700" : "text-slate-900"}>
                  {t(`matchedBy.${String(given.matchedBy)}`)}
                </dd>
              </div>
            )}
            {/* What the caller typed in the IVR (a customer number...): they never say it twice. */}
            {Object.entries((given.ivrFields ?? {}) as Record<string, string>).map(([k, v]) => (
              <div key={`ivr-${k}`} className="contents" data-testid="ivr-field">
                <dt className="text-slate-500">{k}</dt>
                <dd className="font-mono text-slate-900">{String(v)}</dd>
              </div>
            ))}
            {given.pinCheck && (
              <div className="contents">
                <dt className="text-slate-500">PIN</dt>
                <dd className={given.pinCheck === "MATCH" ? "text-emerald-700" : given.pinCheck === "MISMATCH" ? "text-red-700" : "text-slate-700"}>
                  {t(`pin.${String(given.pinCheck)}`)}
                </dd>
              </div>
            )}
          </dl>
        </Card>
      )}

      {c && c.history.length > 1 && <History kase={kase} />}
      {editing && c && <ContactDialog contact={c} onClose={() => setEditing(false)} />}
    </div>
  );
}

function History({ kase }: { kase: CaseData }) {
  const t = useTranslations("case.contact");
  const tch = useTranslations("channel");
  const dates = useDates();
  return (
    <Card title={t("history")}>
      <ul className="space-y-2 text-sm">
        {kase
          .contact!.history.filter((h) => h.caseId !== kase.id)
          .map((h) => (
            <li key={h.caseId} className="border-l-4 pl-2" style={{ borderLeftColor: h.statusColor }}>
              <Link href={`/agent/cases/${h.caseId}`} className="font-medium text-slate-900 hover:underline">
                #{h.number} {h.subject || "—"}
              </Link>
              <p className="text-xs text-slate-500">
                {dates.format(h.createdAt, "dateMedium")} · {tch(h.channel)} · {h.statusName}
                {h.assigneeName ? ` · ${h.assigneeName}` : ""}
              </p>
            </li>
          ))}
      </ul>
    </Card>
  );
}
