// Templates and signatures filled in for one case and the agent working it: canned replies with
// {first_name}, {case_number}, {agent_name}, {contact.<field>}… rendered, and the signature an
// e-mail from this case carries — the agent's own, then the queue's.
import type { Viewer } from "../access/viewer.ts";
import { secretFieldNames, withoutSecretFields } from "../contacts/contact-secrets.ts";
import type { Db } from "../shared/tx.ts";
import { renderTemplate, type TemplateValues } from "./render-template.ts";

type CaseRef = { id: string; number: number; subject: string; contactId: string | null; contactVerified: boolean; queueId: string | null };

export async function templateValues(viewer: Pick<Viewer, "userId">, kase: CaseRef, db: Db): Promise<TemplateValues> {
  const [contact, queue, agent] = await Promise.all([
    // A contact a web visitor only claimed to be lends the reply neither a name nor details: they would go to the visitor.
    kase.contactId && kase.contactVerified
      ? db.contact.findUnique({
          where: { id: kase.contactId },
          select: { firstName: true, lastName: true, fields: true, organization: { select: { secretContactFields: true } } },
        })
      : null,
    kase.queueId ? db.queue.findUnique({ where: { id: kase.queueId }, select: { name: true } }) : null,
    db.user.findUnique({ where: { id: viewer.userId }, select: { name: true } }),
  ]);
  return {
    firstName: contact?.firstName,
    lastName: contact?.lastName,
    caseNumber: kase.number,
    subject: kase.subject,
    agentName: agent?.name,
    queueName: queue?.name,
    // Never a secret field ({contact.pin} stays empty), even one stored before it was marked secret.
    contactFields: contact ? withoutSecretFields(contact.fields, secretFieldNames(contact.organization.secretContactFields)) : {},
  };
}

/** The signature under an e-mail from this case: the agent's own, then the queue's, each rendered. */
export async function emailSignature(viewer: Pick<Viewer, "userId">, kase: CaseRef, db: Db, values?: TemplateValues): Promise<string> {
  const [agent, queue] = await Promise.all([
    db.user.findUnique({ where: { id: viewer.userId }, select: { emailSignature: true } }),
    kase.queueId ? db.queue.findUnique({ where: { id: kase.queueId }, select: { emailSignature: true } }) : null,
  ]);
  const parts = [agent?.emailSignature ?? "", queue?.emailSignature ?? ""].map((s) => s.trim()).filter(Boolean);
  if (!parts.length) return "";
  const v = values ?? (await templateValues(viewer, kase, db));
  return parts.map((p) => renderTemplate(p, v)).join("\n");
}

/** The canned replies offered in this case (the organisation's and its queue's), filled in. */
export async function caseReplyTemplates(viewer: Viewer, kase: CaseRef, db: Db) {
  const replies = await db.cannedReply.findMany({
    where: { organizationId: viewer.organizationId, OR: [{ queueId: null }, ...(kase.queueId ? [{ queueId: kase.queueId }] : [])] },
    orderBy: { title: "asc" },
    select: { id: true, title: true, body: true },
  });
  if (!replies.length) return [];
  const values = await templateValues(viewer, kase, db);
  return replies.map((r) => ({ id: r.id, title: r.title, body: renderTemplate(r.body, values) }));
}
