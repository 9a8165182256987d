// A caller the queue cannot keep — it is full, or they waited its longest — when the queue says
// they should leave a voicemail or be offered a call-back: a telephone, or a web caller (whose
// call-back goes to the number they gave in the widget). Rather than a second runtime,
// the caller is put into a small IVR flow built from the queue's settings, run by the same engine
// and session as any flow (so every step of it is on the record like any IVR step):
//   VOICEMAIL: the overflow message (or standard words) → voicemail in this queue;
//   CALLBACK:  "1: be called back, 2: leave a message, or stay on the line" → call-back / voicemail
//              / back in the queue ahead of newcomers (a full queue then says so and hangs up).
// Routing decides when a caller goes there and takes them out of the queue (routing/caller-overflow.ts).
import { isTrustedVip } from "../contacts/match-contact.ts";
import type { Db } from "../shared/tx.ts";
import type { CallerFacts } from "./engine.ts";
import { type IvrFlow, flowSchema } from "./flow.ts";
import { callBackNumberOf } from "../phone/callbacks.ts";
import { LANGUAGES, type Language } from "./speech.ts";
import { interactionData } from "../interactions/interaction-data.ts";

/** Callers back in the queue after declining a call-back go before everyone who has not waited that long. */
export const RETURNING_PRIORITY = 1;

const WORDS: Record<Language, { voicemail: string; offer: string; offerGiven: string; offerNoNumber: string; confirm: string }> = {
  pl: {
    voicemail: "Wszyscy konsultanci są zajęci. Zostaw wiadomość po sygnale, a na koniec naciśnij krzyżyk.",
    offer:
      "Wszyscy konsultanci są nadal zajęci. Aby konsultant oddzwonił na numer, z którego dzwonisz, naciśnij 1. Aby zostawić wiadomość, naciśnij 2. Możesz też czekać dalej.",
    offerGiven:
      "Wszyscy konsultanci są nadal zajęci. Aby konsultant oddzwonił na podany przez Ciebie numer, naciśnij 1. Aby zostawić wiadomość, naciśnij 2. Możesz też czekać dalej.",
    offerNoNumber: "Wszyscy konsultanci są nadal zajęci. Aby zostawić wiadomość, naciśnij 2. Możesz też czekać dalej.",
    confirm: "Dziękujemy. Oddzwonimy, gdy tylko konsultant będzie wolny. Do usłyszenia.",
  },
  en: {
    voicemail: "All our consultants are busy. Please leave a message after the tone, and press the hash key when you are done.",
    offer:
      "All our consultants are still busy. To be called back at the number you are calling from, press 1. To leave a message, press 2. Or stay on the line.",
    offerGiven: "All our consultants are still busy. To be called back at the number you gave us, press 1. To leave a message, press 2. Or stay on the line.",
    offerNoNumber: "All our consultants are still busy. To leave a message, press 2. Or stay on the line.",
    confirm: "Thank you. We will call you back as soon as a consultant is free. Goodbye.",
  },
  ru: {
    voicemail: "Все операторы заняты. Оставьте сообщение после сигнала и в конце нажмите решётку.",
    offer:
      "Все операторы по-прежнему заняты. Чтобы оператор перезвонил на номер, с которого вы звоните, нажмите 1. Чтобы оставить сообщение, нажмите 2. Или оставайтесь на линии.",
    offerGiven:
      "Все операторы по-прежнему заняты. Чтобы оператор перезвонил на указанный вами номер, нажмите 1. Чтобы оставить сообщение, нажмите 2. Или оставайтесь на линии.",
    offerNoNumber: "Все операторы по-прежнему заняты. Чтобы оставить сообщение, нажмите 2. Или оставайтесь на линии.",
    confirm: "Спасибо. Мы перезвоним, как только оператор освободится. До свидания.",
  },
};

const everyLanguage = (pick: (w: (typeof WORDS)[Language]) => string) => Object.fromEntries(LANGUAGES.map((l) => [l, pick(WORDS[l])]));

export interface OverflowQueue {
  id: string;
  overflowAction: string;
  overflowMessage: string;
  voicemailEmail: string;
}

/**
 * The flow for a caller overflowing `queue`, in `language`. The queue's own overflow message, when
 * it has one, is said first in the organisation's language (it is written in one language).
 */
export function overflowFlow(queue: OverflowQueue, language: Language, caller: CallerFacts, orgLanguage: Language, numberGiven = false): IvrFlow {
  const voicemail = {
    type: "voicemail",
    prompt: { text: everyLanguage((w) => w.voicemail) },
    queueId: queue.id,
    ...(queue.voicemailEmail ? { email: queue.voicemailEmail } : {}),
  };
  const message = queue.overflowMessage.trim();
  const intro = message ? { type: "play", prompt: { text: { [orgLanguage]: message } }, next: "offer" } : null;
  const nodes: Record<string, unknown> =
    queue.overflowAction === "CALLBACK"
      ? {
          offer: {
            type: "menu",
            prompt: { text: everyLanguage((w) => (!caller.number ? w.offerNoNumber : numberGiven ? w.offerGiven : w.offer)) },
            options: caller.number ? { "1": "callback", "2": "voicemail" } : { "2": "voicemail" },
            timeoutSeconds: 6,
            retries: 0,
            onFail: "back",
          },
          ...(caller.number ? { callback: { type: "callback", prompt: { text: everyLanguage((w) => w.confirm) }, queueId: queue.id } } : {}),
          voicemail,
          back: { type: "queue", queueId: queue.id, priority: RETURNING_PRIORITY },
        }
      : { offer: voicemail };
  if (intro) nodes.intro = intro;
  return flowSchema.parse({ language, start: intro ? "intro" : "offer", nodes });
}

/** How the call's caller would run the overflow flow: the queue's settings, their language, who they are. */
export async function overflowIvrOf(db: Db, callId: string) {
  const call = await db.call.findUnique({
    where: { id: callId },
    select: {
      ivr: true,
      state: true,
      remoteNumber: true,
      interactionId: true,
      organizationId: true,
      organization: { select: { timezone: true, locale: true } },
    },
  });
  if (!call?.ivr || call.state === "ENDED" || !call.interactionId) return null;
  const interaction = await db.interaction.findUnique({
    where: { id: call.interactionId },
    select: { queueId: true, data: true, case: { select: { contactId: true, contactVerified: true, contact: { select: { vip: true } } } } },
  });
  if (!interaction?.queueId) return null;
  const queue = await db.queue.findUnique({
    where: { id: interaction.queueId },
    select: { id: true, overflowAction: true, overflowMessage: true, voicemailEmail: true },
  });
  if (!queue || queue.overflowAction === "QUEUE") return null;
  const orgLanguage = asLanguage(call.organization.locale) ?? "pl";
  const data = interactionData(interaction.data);
  const language = asLanguage(data.language) ?? orgLanguage;
  const back = await callBackNumberOf(db, call, data, new Date());
  const caller: CallerFacts = {
    number: back.number,
    vip: isTrustedVip(interaction.case),
    known: interaction.case.contactVerified && !!interaction.case.contactId,
  };
  return { flow: overflowFlow(queue, language, caller, orgLanguage, back.given), version: 0, timezone: call.organization.timezone, caller };
}

const asLanguage = (v: unknown): Language | null =>
  typeof v === "string" && (LANGUAGES as readonly string[]).includes(v.toLowerCase()) ? (v.toLowerCase() as Language) : null;
