// Test data through the same code paths the product uses. Every test makes its own.
import { randomBytes } from "node:crypto";
import type { BuiltInRole } from "../../domain/access/permissions.ts";
import { createOrganization, createUserWithPassword } from "../../prisma/seed/seed.ts";
import type { AppServices } from "../../lib/services.ts";
import { TestSession } from "../support/test-server.ts";

export const PASSWORD = "correct horse battery";
const unique = () => randomBytes(4).toString("hex");

export interface TestOrg {
  id: string;
  roles: Record<BuiltInRole, string>;
}

export async function makeOrg(app: AppServices): Promise<TestOrg> {
  const slug = `org-${unique()}`;
  const { org, roles } = await createOrganization(app.db.prisma, `Org ${slug}`, slug, "en");
  return { id: org.id, roles };
}

export async function makeUser(
  app: AppServices,
  org: TestOrg,
  role: BuiltInRole,
  overrides: { username?: string; name?: string; locale?: "pl" | "en" | "ru" } = {},
) {
  const username = overrides.username ?? `${role.toLowerCase()}-${unique()}`;
  return createUserWithPassword(
    app.db.prisma,
    org.id,
    org.roles[role],
    { username, name: overrides.name ?? `Test ${username}`, email: `${username}@test.example`, locale: overrides.locale ?? "en" },
    await app.deps.passwords.hash(PASSWORD),
  );
}

/** A new user of `role`, signed in through the HTTP API of the server at `url`. */
export async function signedInUser(app: AppServices, url: string, org: TestOrg, role: BuiltInRole) {
  const user = await makeUser(app, org, role);
  const session = new TestSession(url);
  await session.signIn(user.username, PASSWORD);
  return { user, session };
}

export async function makeTeam(app: AppServices, org: TestOrg, members: { userId: string; lead?: boolean }[]) {
  return app.db.prisma.team.create({
    data: { organizationId: org.id, name: `Team ${unique()}`, members: { create: members.map((m) => ({ userId: m.userId, lead: m.lead ?? false })) } },
  });
}

export async function makeQueue(
  app: AppServices,
  org: TestOrg,
  members: { userId: string; skillLevel?: number }[],
  settings: {
    strategy?: "LONGEST_IDLE" | "LEAST_BUSY" | "SKILLS" | "ROUND_ROBIN";
    offerTimeoutSeconds?: number;
    maxQueueLength?: number;
    maxWaitSeconds?: number;
    overflowQueueId?: string;
    overflowMessage?: string;
    priority?: number;
    channels?: ("VOICE" | "CHAT" | "EMAIL" | "SMS" | "FAX")[];
  } = {},
) {
  return app.db.prisma.queue.create({
    data: {
      organizationId: org.id,
      name: `Queue ${unique()}`,
      channels: ["CHAT", "VOICE", "EMAIL"],
      ...settings,
      members: { create: members.map((m) => ({ userId: m.userId, skillLevel: m.skillLevel ?? 5 })) },
    },
  });
}

/** A chat widget on the queue, embeddable from `origins`, with an identity secret. */
export async function makeWidget(app: AppServices, org: TestOrg, queueId: string, config: Record<string, unknown> = {}, identitySecret?: string) {
  return app.db.prisma.entryPoint.create({
    data: {
      organizationId: org.id,
      kind: "CHAT_WIDGET",
      name: `Widget ${unique()}`,
      key: `w_${unique()}${unique()}`,
      queueId,
      config: { allowedOrigins: ["http://shop.test"], languages: ["en", "pl"], ...config },
      identitySecret: identitySecret ? app.deps.secrets.seal(identitySecret) : null,
    },
  });
}

/** A mailbox entry point reading `user`'s INBOX on an IMAP server (Dovecot in tests). */
export async function makeMailbox(
  app: AppServices,
  org: TestOrg,
  queueId: string,
  imap: { host: string; port: number; user: string; password: string; folder?: string },
) {
  return app.db.prisma.entryPoint.create({
    data: {
      organizationId: org.id,
      kind: "MAILBOX",
      name: `Mailbox ${unique()}`,
      key: `m_${unique()}${unique()}`,
      queueId,
      config: {
        imap: { host: imap.host, port: imap.port, security: "none", user: imap.user, folder: imap.folder ?? "INBOX" },
        fromAddress: `${imap.user}@support.test`,
      },
      credentials: app.deps.secrets.seal(JSON.stringify({ imapPassword: imap.password, smtpPassword: "" })),
    },
  });
}

/** Sets agents Ready as if they had clicked it. */
export async function ready(app: AppServices, org: TestOrg, ...userIds: string[]) {
  const { changeAgentState } = await import("../../domain/agents/set-agent-state.ts");
  for (const userId of userIds) {
    await changeAgentState({ userId, organizationId: org.id, state: "READY", source: "AGENT", changedById: null, seen: true }, app.deps);
  }
}

/** The Viewer a signed-in user would be, for calling use-cases directly. */
export async function asViewer(app: AppServices, userId: string) {
  const { toPermissionSet } = await import("../../domain/access/permissions.ts");
  const u = await app.db.prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { role: true } });
  return {
    userId: u.id,
    organizationId: u.organizationId,
    name: u.name,
    username: u.username,
    roleId: u.roleId,
    permissions: toPermissionSet(u.role.permissions, u.isOperator),
    locale: u.locale,
    sessionId: "test",
    sessionExpiresAt: new Date(Date.now() + 3600_000),
  };
}
