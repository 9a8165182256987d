// Test data through the same code paths the product uses. Every test makes its own.
import { randomBytes } from "node:crypto";
import type { BuiltInRole } from "../../domain/access/permissions.ts";
import { createOrganization, createUserWithPassword } from "../../prisma/seed/seed.ts";
import type { AppServices } from "../../lib/services.ts";

export const PASSWORD = "correct horse battery";
const unique = () => randomBytes(4).toString("hex");

export interface TestOrg {
  id: string;
  roles: Record<BuiltInRole, string>;
}

export async function makeOrg(app: AppServices): Promise<TestOrg> {
  const slug = `org-${unique()}`;
  const { org, roles } = await createOrganization(app.db.prisma, `Org ${slug}`, slug);
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

export async function makeTeam(app: AppServices, org: TestOrg, members: { userId: string; lead?: boolean }[]) {
  return app.db.prisma.team.create({
    data: { organizationId: org.id, name: `Team ${unique()}`, members: { create: members.map((m) => ({ userId: m.userId, lead: m.lead ?? false })) } },
  });
}
