// Operators run the installation, not one organisation: they see and start its background jobs.
// OPERATORS (logins or e-mails) names them at start-up; it is the whole list, so removing a name
// there and restarting takes the power away. No GraphQL mutation sets the flag.
import type { PrismaClient } from "../../generated/prisma/client.ts";

/** Makes exactly the users named operators; returns the names that matched nobody. */
export async function setOperators(db: PrismaClient, names: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))];
  const found = await db.user.findMany({
    where: { OR: [{ username: { in: wanted } }, { email: { in: wanted, mode: "insensitive" } }] },
    select: { id: true, username: true, email: true },
  });
  const ids = found.map((u) => u.id);
  await db.$transaction([
    db.user.updateMany({ where: { isOperator: true, id: { notIn: ids } }, data: { isOperator: false } }),
    db.user.updateMany({ where: { id: { in: ids } }, data: { isOperator: true } }),
  ]);
  const matched = new Set(found.flatMap((u) => [u.username, u.email.toLowerCase()]));
  return wanted.filter((n) => !matched.has(n));
}
