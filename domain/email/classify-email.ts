// What kind of mail this is, from its headers (RFC 3834 Auto-Submitted, RFC 3464 delivery
// reports, and the conventions of the big mail systems), and whether it may be answered
// automatically: never an automatic reply, a bounce, a mailing list or a no-reply sender —
// that is how two auto-responders end up mailing each other forever.
import type { Address, InboundEmail } from "./inbound-email.ts";

export type EmailKind = "NORMAL" | "AUTO_REPLY" | "BOUNCE";

const BOUNCE_SENDER = /^(mailer-daemon|postmaster)@/i;
const BOUNCE_SUBJECT = /^(undeliver(able|ed)|delivery status notification \(failure\)|mail delivery failed|returned mail|failure notice)/i;
const AUTO_SUBJECT = /^(auto(matic)?[ -]?(reply|response)|out of (the )?office|abwesenheit|nieobecno|автоответ|вне офиса)/i;
const NO_REPLY_SENDER = /^(no[-_.]?reply|do[-_.]?not[-_.]?reply|bounces?)[+@-]/i;

export function classifyEmail(email: Pick<InboundEmail, "headers" | "deliveryReport" | "from" | "subject">): EmailKind {
  const h = email.headers;
  const from = email.from?.address ?? "";
  if (email.deliveryReport || (BOUNCE_SENDER.test(from) && BOUNCE_SUBJECT.test(email.subject))) return "BOUNCE";
  const autoSubmitted = (h["auto-submitted"] ?? "no").toLowerCase();
  if (autoSubmitted !== "no" && autoSubmitted !== "") return "AUTO_REPLY";
  if (h["x-autoreply"] || h["x-autorespond"] || h["x-auto-response-suppress"]?.match(/all|oof/i)) return "AUTO_REPLY";
  if (/^(auto_reply|auto-reply)$/i.test(h["precedence"] ?? "") || AUTO_SUBJECT.test(email.subject)) return "AUTO_REPLY";
  return "NORMAL";
}

/** Where answers to this mail go: its Reply-To when it has one (RFC 5322), else its sender. */
export function answerAddresses(email: Pick<InboundEmail, "from" | "replyTo">): Address[] {
  if (email.replyTo.length) return email.replyTo.slice(0, 20);
  return email.from ? [email.from] : [];
}

/** Who the customer is: the sender, or — when that is a no-reply address (a web form) — the one in Reply-To. */
export function customerAddress(email: Pick<InboundEmail, "from" | "replyTo">): Address | null {
  if (email.from && NO_REPLY_SENDER.test(email.from.address) && email.replyTo[0]) return email.replyTo[0];
  return email.from;
}

/** May Centrala send this mail an automatic acknowledgement (to its answer address)? */
export function mayAutoReply(email: Pick<InboundEmail, "headers" | "deliveryReport" | "from" | "replyTo" | "subject">): boolean {
  if (classifyEmail(email) !== "NORMAL") return false;
  const h = email.headers;
  if (h["list-id"] || h["list-unsubscribe"] || /^(bulk|list|junk)$/i.test(h["precedence"] ?? "")) return false;
  const from = email.from?.address ?? "";
  if (!from || BOUNCE_SENDER.test(from)) return false;
  const to = answerAddresses(email);
  return to.length > 0 && to.every((a) => !NO_REPLY_SENDER.test(a.address) && !BOUNCE_SENDER.test(a.address));
}
