// "Test connection" in the mailbox dialog: the settings as typed, with the passwords to try — the
// typed ones, or the saved mailbox's where the server is still the one they were saved for
// (mailbox-passwords.ts). The connecting itself is the e-mail channel's (channels/email/test-mailbox.ts).
import { can, type Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { DomainError, notFound } from "../shared/errors.ts";
import { parseInput } from "../shared/parse.ts";
import { mailboxConfigSchema } from "./mailbox-config.ts";
import { openStoredMailbox, passwordsToUse } from "./mailbox-passwords.ts";

export async function prepareMailboxTest(
  viewer: Viewer,
  id: string | null,
  input: { config: unknown; imapPassword: string; smtpPassword: string },
  deps: Pick<Deps, "db" | "secrets" | "limiter">,
) {
  if (!can(viewer, "entry_points.manage")) throw new DomainError("FORBIDDEN", "You may not manage mailboxes");
  if (!deps.limiter.take(`mailbox-test:${viewer.userId}`, 10)) throw new DomainError("LIMIT_EXCEEDED", "Too many tests; wait a minute", { reason: "TOO_FAST" });
  const config = parseInput(mailboxConfigSchema, input.config, "input.config");
  const row = id ? await deps.db.entryPoint.findFirst({ where: { id, organizationId: viewer.organizationId, kind: "MAILBOX" } }) : null;
  if (id && !row) throw notFound("Mailbox");
  const credentials = passwordsToUse(row ? openStoredMailbox(row, deps.secrets) : null, config, input);
  return { config, credentials };
}
