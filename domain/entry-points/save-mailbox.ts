// Admins add and change mailboxes: where to read, how to answer, which queue gets the cases.
// Passwords are sealed at once and never shown again; leaving one empty keeps the stored one, as
// long as the server it belongs to stays the same (mailbox-passwords.ts).
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, fieldError, nameTaken, notFound } from "../shared/errors.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import { mailboxConfigSchema } from "./mailbox-config.ts";
import { openStoredMailbox, passwordsToUse } from "./mailbox-passwords.ts";

const mailboxSchema = z.object({
  name: z.string().trim().min(1, "required").max(80, "at most 80 characters"),
  queueId: z.uuid(),
  active: z.boolean().default(true),
  config: mailboxConfigSchema,
  /** Empty: keep the stored one (for the same server only). */
  imapPassword: z.string().max(500).default(""),
  smtpPassword: z.string().max(500).default(""),
});
export type MailboxInput = z.input<typeof mailboxSchema>;

export async function saveMailbox(viewer: Viewer, id: string | null, raw: MailboxInput, deps: Deps, ip?: string) {
  if (!can(viewer, "entry_points.manage")) throw new DomainError("FORBIDDEN", "You may not manage mailboxes");
  const input = parseInput(mailboxSchema, raw);
  const organizationId = viewer.organizationId;
  try {
    return await deps.db.$transaction(async (tx) => {
      if (!(await tx.queue.count({ where: { id: input.queueId, organizationId } }))) throw fieldError("input.queueId", "unknown", "Unknown queue");
      const existing = id ? await tx.entryPoint.findFirst({ where: { id, organizationId, kind: "MAILBOX" } }) : null;
      if (id && !existing) throw notFound("Mailbox");
      const stored = existing ? openStoredMailbox(existing, deps.secrets) : null;
      const credentials = passwordsToUse(stored, input.config, input);
      if (!credentials.imapPassword) throw fieldError("input.imapPassword", "required", "The mailbox's password is needed");
      const data = {
        name: input.name,
        queueId: input.queueId,
        active: input.active,
        config: input.config,
        credentials: deps.secrets.seal(JSON.stringify(credentials)),
      };
      const ep = existing
        ? await tx.entryPoint.update({ where: { id: existing.id }, data })
        : await tx.entryPoint.create({ data: { ...data, organizationId, kind: "MAILBOX", key: randomBytes(18).toString("base64url") } });
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: existing ? "mailbox.updated" : "mailbox.created",
        targetType: "EntryPoint",
        targetId: ep.id,
        targetLabel: ep.name,
        data: {
          imap: `${input.config.imap.user}@${input.config.imap.host}:${input.config.imap.port}/${input.config.imap.folder}`,
          queueId: input.queueId,
          active: input.active,
          passwordChanged: !!(input.imapPassword || input.smtpPassword),
        },
        ip,
      });
      return ep;
    });
  } catch (e) {
    throw isUniqueViolation(e) ? nameTaken("A mailbox") : e;
  }
}
