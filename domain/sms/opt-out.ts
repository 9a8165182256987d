// Opt-out and opt-in keywords in an inbound SMS. Only a message that is the keyword alone counts
// (give or take case, spaces, punctuation and Polish diacritics): "Nie" opts out, "Nie mogę
// zapłacić w tym tygodniu" is a conversation for an agent. English, Polish and Russian words.

const STOP = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "NIE", "STOP SMS", "NIE WYSYLAC", "WYPISZ", "СТОП", "ОТПИСАТЬСЯ", "ОТПИСКА"];
const START = ["START", "UNSTOP", "SUBSCRIBE", "СТАРТ"];

export type OptIntent = "STOP" | "START";

const normal = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "") // diacritics off, on both sides of the comparison
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .replace(/[\p{P}\p{S}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toUpperCase();

const STOPS = new Set(STOP.map(normal));
const STARTS = new Set(START.map(normal));

/** Whether the whole message asks to stop messages, or to start them again; null for anything else. */
export function optIntent(text: string): OptIntent | null {
  const t = normal(text);
  if (STOPS.has(t)) return "STOP";
  if (STARTS.has(t)) return "START";
  return null;
}
