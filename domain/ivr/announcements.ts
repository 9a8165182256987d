// Telling phone callers waiting in a queue where they are: their place (by the order the routing
// offers work in: VIPs, then priority, then who waited longest) and, when the queue has answered
// calls lately, about how long they will wait (what callers there actually waited, scaled by the
// place). Said in the caller's language (chosen in the IVR) or the organisation's.
import type { Deps } from "../ports.ts";
import { queuePlace } from "../routing/queue-place.ts";
import type { Language } from "./speech.ts";
import { recordEvent } from "../interactions/record-event.ts";
import { interactionData } from "../interactions/interaction-data.ts";

export interface Waiting {
  callId: string;
  interactionId: string;
  queueId: string;
  everySeconds: number;
  enqueuedAt: Date;
  language: Language;
}

/** Phone callers waiting now in queues that announce. */
export async function waitingPhoneCallers(deps: Pick<Deps, "db">): Promise<Waiting[]> {
  const calls = await deps.db.call.findMany({
    where: { state: "RINGING", ivr: false, trunkId: { not: null }, interactionId: { not: null } },
    select: { id: true, interactionId: true, organization: { select: { locale: true } } },
    take: 2000,
  });
  if (!calls.length) return [];
  const items = await deps.db.queueItem.findMany({
    where: { interactionId: { in: calls.map((c) => c.interactionId!) }, state: { in: ["WAITING", "OFFERED"] }, queue: { announceEverySeconds: { not: null } } },
    select: {
      queueId: true,
      enqueuedAt: true,
      interactionId: true,
      queue: { select: { announceEverySeconds: true } },
      interaction: { select: { data: true } },
    },
  });
  const byInteraction = new Map(calls.map((c) => [c.interactionId!, c]));
  return items.map((i) => {
    const call = byInteraction.get(i.interactionId)!;
    const chosen = interactionData(i.interaction.data).language;
    const language = (["pl", "en", "ru"].includes(chosen ?? "") ? chosen : call.organization.locale) as Language;
    return {
      callId: call.id,
      interactionId: i.interactionId,
      queueId: i.queueId,
      everySeconds: i.queue.announceEverySeconds!,
      enqueuedAt: i.enqueuedAt,
      language,
    };
  });
}

/** The caller's place (1: next) and the expected wait in whole minutes (null: no recent calls to
 * go by). */
export async function placeInQueue(interactionId: string, deps: Pick<Deps, "db" | "now">): Promise<{ place: number; minutes: number | null } | null> {
  const mine = await queuePlace(deps.db, interactionId, deps.now());
  if (!mine) return null;
  const { place } = mine;
  const since = new Date(deps.now().getTime() - 2 * 3_600_000);
  const answered = await deps.db.queueItem.findMany({
    // Callers' waits only: a call-back asked for later waited for its time, not for an agent.
    where: {
      queueId: mine.queueId,
      channel: "VOICE",
      state: { in: ["ASSIGNED", "DONE"] },
      enqueuedAt: { gte: since },
      interaction: { answeredAt: { not: null }, direction: "INBOUND" },
    },
    select: { enqueuedAt: true, interaction: { select: { answeredAt: true } } },
    orderBy: { enqueuedAt: "desc" },
    take: 20,
  });
  if (!answered.length) return { place, minutes: null };
  const waited = answered.reduce((n, a) => n + (a.interaction.answeredAt!.getTime() - a.enqueuedAt.getTime()), 0) / answered.length;
  return { place, minutes: Math.max(1, Math.ceil((waited * place) / 60_000)) };
}

const MINUTES: Record<Language, (n: number) => string> = {
  pl: (n) => `${n} ${new Intl.PluralRules("pl").select(n) === "one" ? "minuty" : "minut"}`,
  en: (n) => `${n} ${n === 1 ? "minute" : "minutes"}`,
  ru: (n) => ({ one: `${n} минута`, few: `${n} минуты` })[new Intl.PluralRules("ru").select(n) as "one" | "few"] ?? `${n} минут`,
};

/** What the caller hears. */
export function announcement(language: Language, place: number, minutes: number | null): string {
  const wait =
    minutes === null
      ? ""
      : {
          pl: ` Przewidywany czas oczekiwania to około ${MINUTES.pl(minutes)}.`,
          en: ` The expected wait is about ${MINUTES.en(minutes)}.`,
          ru: ` Ожидаемое время ожидания — примерно ${MINUTES.ru(minutes)}.`,
        }[language];
  const where =
    place === 1
      ? { pl: "Jesteś następny w kolejce.", en: "You are next in the queue.", ru: "Вы следующий в очереди." }[language]
      : { pl: `Jesteś ${place}. w kolejce.`, en: `You are number ${place} in the queue.`, ru: `Вы ${place}-й в очереди.` }[language];
  return where + wait;
}

/** The announcement, on the caller's record. */
export async function announced(interactionId: string, place: number, minutes: number | null, deps: Pick<Deps, "db" | "now">) {
  const i = await deps.db.interaction.findUnique({ where: { id: interactionId }, select: { organizationId: true } });
  if (!i) return;
  await recordEvent(deps.db, { organizationId: i.organizationId, interactionId, type: "position_announced", at: deps.now(), data: { place, minutes } });
}
