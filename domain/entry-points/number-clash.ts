// A number is an entry point's key, unique in the whole system (two organisations cannot both
// claim it), and an entry point's name is unique in its organisation. Phone and SMS numbers check
// both before they save, and again after a unique violation (two admins saving at once) to say
// which of the two the other one took.
import { conflict, nameTaken } from "../shared/errors.ts";
import type { Db } from "../shared/tx.ts";

export const numberTaken = () =>
  conflict("This number is already in use", { fields: [{ path: "input.number", code: "number_taken", message: "This number is already in use" }] });

/** The error to give when `number` or `name` is another entry point's (not `id`'s), else null. */
export async function numberClash(db: Db, c: { organizationId: string; id: string | null; number: string; name: string }) {
  const other = c.id ? { id: { not: c.id } } : {};
  if (await db.entryPoint.count({ where: { key: c.number, ...other } })) return numberTaken();
  if (await db.entryPoint.count({ where: { organizationId: c.organizationId, name: c.name, ...other } })) return nameTaken("An entry point");
  return null;
}
