import { isOpen } from "../entry-points/business-hours.ts";
import { type WidgetConfig, readWidgetConfig } from "../entry-points/widget-config.ts";
import { callbacksAvailable } from "../phone/callback-availability.ts";
import type { Deps } from "../ports.ts";
import { notFound } from "../shared/errors.ts";

/** A widget by the key in its script tag, with its settings checked. */
export async function widgetByKey(key: string, deps: Pick<Deps, "db">) {
  const ep = /^[A-Za-z0-9_-]{8,64}$/.test(key)
    ? await deps.db.entryPoint.findUnique({ where: { key }, include: { organization: { select: { timezone: true } } } })
    : null;
  if (!ep?.active || ep.kind !== "CHAT_WIDGET") throw notFound("Chat widget");
  return { ...ep, settings: readWidgetConfig(ep.config) };
}

/** What the widget may show a visitor (never the allowed-origins list or secrets). */
export async function publicWidgetConfig(key: string, deps: Pick<Deps, "db" | "mail" | "now" | "voice">) {
  const ep = await widgetByKey(key, deps);
  const s: WidgetConfig = ep.settings;
  return {
    name: ep.name,
    color: s.color,
    position: s.position,
    languages: s.languages,
    title: s.title,
    greeting: s.greeting,
    topics: s.topics.map((t) => ({ id: t.id, label: t.label })),
    requireName: s.requireName,
    contact: s.contact,
    askPin: s.askPin,
    transcripts: s.transcripts && deps.mail.configured,
    attachments: s.attachments,
    maxFileMegabytes: s.maxFileMegabytes,
    calls: s.calls && deps.voice.available(),
    /** "Call me back": there is a line to call out on and the queue takes calls. */
    callbacks: await callbacksAvailable(deps.db, ep.organizationId, ep.queueId),
    open: isOpen(s.businessHours, ep.organization.timezone, deps.now()),
  };
}
