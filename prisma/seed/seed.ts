// First start: the database has no organisation yet. SEED=demo (the default) creates a demo
// organisation with a user for every role; SEED=empty creates only an organisation and an admin
// with a random password, for real deployments.
import { randomBytes } from "node:crypto";
import { BUILT_IN_ROLES, type BuiltInRole, DEFAULT_ROLE_PERMISSIONS } from "../../domain/access/permissions.ts";
import { MISSED_OFFERS, defaultProcess, missedOffersPauseName, missedOffersPauseTranslations } from "../../domain/cases/default-process.ts";
import { tagNameKey } from "../../domain/cases/case-tags.ts";
import { applySecretChanges } from "../../domain/contacts/contact-secrets.ts";
import type { PasswordHasher, SecretBox } from "../../domain/ports.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import {
  DEMO_CONTACTS,
  DEMO_DISPOSITION_CODES,
  DEMO_LOCALE,
  DEMO_MACRO,
  DEMO_PASSWORD,
  DEMO_PAUSE_CODES,
  DEMO_QUEUES,
  DEMO_TAGS,
  DEMO_TEAMS,
  DEMO_USERS,
  DEMO_WIDGET,
  named,
} from "./demo-data.ts";

export interface SeedResult {
  organization: string;
  credentials: { username: string; password: string; role: BuiltInRole }[];
}

const ROLE_NAMES: Record<BuiltInRole, string> = { ADMIN: "Administrator", MANAGER: "Manager", SUPERVISOR: "Supervisor", AGENT: "Agent" };

/** `origins`: where the demo chat widget may appear (the server's own addresses, for /demo). */
export async function seedIfEmpty(
  db: PrismaClient,
  passwords: PasswordHasher,
  secrets: SecretBox,
  mode: "demo" | "empty" | "none",
  origins: string[] = [],
): Promise<SeedResult | null> {
  if (mode === "none" || (await db.organization.count()) > 0) return null;
  return mode === "demo" ? seedDemo(db, passwords, secrets, origins) : seedEmpty(db, passwords);
}

/** An organisation with the four built-in roles and the usual pause reasons. */
export async function createOrganization(db: PrismaClient, name: string, slug: string, locale: "pl" | "en" | "ru" = "pl") {
  return db.$transaction(async (tx) => {
    const org = await tx.organization.create({ data: { name, slug, locale } });
    const process = defaultProcess(locale);
    await tx.process.create({
      data: {
        organizationId: org.id,
        name: process.name,
        isDefault: true,
        statuses: { create: process.statuses.map((s) => ({ ...s, organizationId: org.id })) },
      },
    });
    await tx.pauseCode.create({
      data: {
        organizationId: org.id,
        name: missedOffersPauseName(locale),
        translations: missedOffersPauseTranslations(locale),
        systemKey: MISSED_OFFERS,
        sortOrder: 1000,
      },
    });
    const roles = {} as Record<BuiltInRole, string>;
    for (const key of BUILT_IN_ROLES) {
      const role = await tx.role.create({ data: { organizationId: org.id, key, name: ROLE_NAMES[key], permissions: DEFAULT_ROLE_PERMISSIONS[key] } });
      roles[key] = role.id;
    }
    for (const [i, code] of DEMO_PAUSE_CODES.entries()) {
      await tx.pauseCode.create({ data: { organizationId: org.id, sortOrder: i, maxDurationMinutes: code.maxDurationMinutes, ...named(code.name, locale) } });
    }
    return { org, roles };
  });
}

export async function createUserWithPassword(
  db: PrismaClient,
  organizationId: string,
  roleId: string,
  u: { username: string; name: string; email: string; locale: "pl" | "en" | "ru"; isOperator?: boolean },
  passwordHash: string,
) {
  const user = await db.user.create({
    data: {
      isOperator: u.isOperator ?? false,
      organizationId,
      roleId,
      username: u.username,
      displayUsername: u.username,
      name: u.name,
      email: u.email,
      locale: u.locale,
      presence: { create: { organizationId } },
    },
  });
  // better-auth finds credentials by accountId = user id.
  await db.account.create({ data: { userId: user.id, accountId: user.id, providerId: "credential", password: passwordHash } });
  return user;
}

async function seedEmpty(db: PrismaClient, passwords: PasswordHasher): Promise<SeedResult> {
  const { org, roles } = await createOrganization(db, "Centrala", "centrala");
  const password = randomBytes(12).toString("base64url");
  await createUserWithPassword(
    db,
    org.id,
    roles.ADMIN,
    // The installation's first admin also runs the installation (OPERATORS may name others).
    { username: "admin", name: "Administrator", email: "admin@centrala.invalid", locale: "en", isOperator: true },
    await passwords.hash(password),
  );
  return { organization: org.name, credentials: [{ username: "admin", password, role: "ADMIN" }] };
}

async function seedDemo(db: PrismaClient, passwords: PasswordHasher, secrets: SecretBox, origins: string[]): Promise<SeedResult> {
  const { org, roles } = await createOrganization(db, "Centrala Demo", "demo", DEMO_LOCALE);
  const hash = await passwords.hash(DEMO_PASSWORD);
  const ids: Record<string, string> = {};
  // The demo's admin is the installation's first admin, so its operator too.
  for (const u of DEMO_USERS) ids[u.username] = (await createUserWithPassword(db, org.id, roles[u.role], { ...u, isOperator: u.role === "ADMIN" }, hash)).id;
  for (const t of DEMO_TEAMS) {
    await db.team.create({
      data: {
        organizationId: org.id,
        name: t.name,
        members: { create: t.members.map((m) => ({ userId: ids[m.username], lead: m.lead ?? false })) },
      },
    });
  }
  for (const q of DEMO_QUEUES) {
    await db.queue.create({
      data: {
        organizationId: org.id,
        name: q.name,
        description: q.description,
        channels: q.channels,
        priority: q.priority,
        wrapUpSeconds: q.wrapUpSeconds,
        requireDisposition: q.requireDisposition ?? false,
        members: { create: q.members.map((m) => ({ userId: ids[m.username], skillLevel: m.skillLevel })) },
      },
    });
  }
  await db.dispositionCode.createMany({
    data: DEMO_DISPOSITION_CODES.map((words, i) => ({ organizationId: org.id, ...named(words, DEMO_LOCALE), sortOrder: i })),
  });
  const tagIds: Record<string, string> = {};
  for (const tag of DEMO_TAGS) {
    const { name, translations } = named(tag.name, DEMO_LOCALE);
    tagIds[name] = (await db.tag.create({ data: { organizationId: org.id, name, nameKey: tagNameKey(name), translations, color: tag.color } })).id;
  }
  const resolved = await db.caseStatus.findFirstOrThrow({ where: { organizationId: org.id, category: "RESOLVED" }, orderBy: { sortOrder: "asc" } });
  await db.macro.create({
    data: {
      organizationId: org.id,
      name: DEMO_MACRO.name,
      body: DEMO_MACRO.body,
      statusId: resolved.id,
      assign: "ME",
      tags: {
        create: [
          { tagId: tagIds[DEMO_MACRO.addTag], add: true },
          { tagId: tagIds[DEMO_MACRO.removeTag], add: false },
        ],
      },
    },
  });
  const queueIds = Object.fromEntries((await db.queue.findMany({ where: { organizationId: org.id } })).map((q) => [q.name, q.id]));
  await db.entryPoint.create({
    data: {
      organizationId: org.id,
      kind: "CHAT_WIDGET",
      name: DEMO_WIDGET.name,
      key: DEMO_WIDGET.key,
      queueId: queueIds[DEMO_WIDGET.queue],
      config: {
        allowedOrigins: origins,
        title: DEMO_WIDGET.title,
        greeting: DEMO_WIDGET.greeting,
        // "Call us" as well (shown only while the media engine runs).
        calls: true,
        topics: DEMO_WIDGET.topics.map((t) => ({ id: t.id, label: t.label, queueId: "queue" in t && t.queue ? queueIds[t.queue] : null })),
      },
    },
  });
  for (const c of DEMO_CONTACTS) {
    const { identities, secrets: secretFields, ...contact } = c;
    const created = await db.contact.create({
      data: { organizationId: org.id, ...contact, identities: { create: identities.map((i) => ({ organizationId: org.id, ...i })) } },
    });
    // Secret fields (the PIN) are hashed for the contact like any edit does: never kept as typed.
    if (secretFields)
      await db.contact.update({
        where: { id: created.id },
        data: { secrets: applySecretChanges(secrets, { organizationId: org.id, contactId: created.id }, {}, secretFields) },
      });
  }
  return {
    organization: org.name,
    credentials: DEMO_USERS.map((u) => ({ username: u.username, password: DEMO_PASSWORD, role: u.role })),
  };
}
