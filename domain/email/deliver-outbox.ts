// The outbox: outgoing mail waits as EmailMessage rows (QUEUED) until its mail server accepts it.
// A worker claims due rows (pushing their next attempt forward, so another node skips them and a
// crash only delays them), sends them, and records SENT, or the server's answer with a later retry,
// or FAILED when retrying cannot help or has been tried long enough. Nothing is ever dropped.
import type { Deps } from "../ports.ts";
import { DeliveryError } from "../ports.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import type { Address } from "./inbound-email.ts";

/** Minutes before each retry: 1, 5, 15, 60, 180, 360, 720 — about 22 hours in all. */
const RETRY_MINUTES = [1, 5, 15, 60, 180, 360, 720];
const CLAIM_MINUTES = 10;
const BATCH = 20;

export async function deliverDueEmails(deps: Deps): Promise<{ sent: number; failed: number; retrying: number }> {
  const claimed = await deps.db.$queryRaw<{ id: string }[]>`
    update "EmailMessage" set "nextAttemptAt" = now() + make_interval(mins => ${CLAIM_MINUTES})
    where "id" in (
      select "id" from "EmailMessage"
      where "deliveryState" = 'QUEUED' and "nextAttemptAt" <= now()
      order by "nextAttemptAt" limit ${BATCH} for update skip locked)
    returning "id"`;
  const tally = { sent: 0, failed: 0, retrying: 0 };
  for (const { id } of claimed) tally[await deliverOne(id, deps)]++;
  return tally;
}

async function deliverOne(id: string, deps: Deps): Promise<"sent" | "failed" | "retrying"> {
  const email = await deps.db.emailMessage.findUniqueOrThrow({ where: { id }, include: { message: { include: { attachments: true } } } });
  const attempts = email.attempts + 1;
  try {
    const attachments = await Promise.all(
      email.message.attachments.map(async (a) => ({ fileName: a.fileName, contentType: a.contentType, content: await deps.files.read(a.storageKey) })),
    );
    await deps.email.send({
      mailboxId: email.entryPointId,
      from: { address: email.fromAddress, name: email.fromName },
      to: email.to as Address[],
      cc: email.cc as Address[],
      bcc: email.bcc as Address[],
      subject: email.subject,
      text: email.text ?? email.message.body,
      html: email.text === null ? null : email.html,
      messageId: email.internetMessageId,
      inReplyTo: email.inReplyTo,
      references: email.references,
      attachments,
    });
    await deps.db.emailMessage.update({ where: { id }, data: { deliveryState: "SENT", sentAt: deps.now(), attempts, deliveryError: "", nextAttemptAt: null } });
    publish(email.organizationId, email.message.caseId, deps);
    return "sent";
  } catch (err) {
    const permanent = err instanceof DeliveryError && err.permanent;
    const giveUp = permanent || attempts > RETRY_MINUTES.length;
    const reason = err instanceof Error ? err.message : String(err);
    deps.log.warn({ err, emailId: id, attempts }, giveUp ? "e-mail delivery failed for good" : "e-mail delivery failed; will retry");
    await deps.db.emailMessage.update({
      where: { id },
      data: giveUp
        ? { deliveryState: "FAILED", attempts, deliveryError: reason.slice(0, 1000), nextAttemptAt: null }
        : { attempts, deliveryError: reason.slice(0, 1000), nextAttemptAt: new Date(deps.now().getTime() + RETRY_MINUTES[attempts - 1] * 60_000) },
    });
    publish(email.organizationId, email.message.caseId, deps);
    return giveUp ? "failed" : "retrying";
  }
}

const publish = (organizationId: string, caseId: string, deps: Pick<Deps, "events">) => deps.events.publish("case.updated", { organizationId, caseId });

/** "Send again" on a failed mail: back into the outbox now. */
export async function retryEmail(organizationId: string, id: string, deps: Deps) {
  const events = new PendingEvents();
  const count = await deps.db.$transaction(async (tx) => {
    const r = await tx.emailMessage.updateMany({
      where: { id, organizationId, direction: "OUTBOUND", deliveryState: "FAILED" },
      data: { deliveryState: "QUEUED", nextAttemptAt: deps.now(), attempts: 0 },
    });
    if (r.count) await events.addDurable(tx, "email.queued", { organizationId, messageId: id });
    return r.count;
  });
  events.publishTo(deps.events);
  return count === 1;
}
