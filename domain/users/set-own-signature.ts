import { z } from "zod";
import type { Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { parseInput } from "../shared/parse.ts";

const signatureSchema = z.object({ emailSignature: z.string().max(2000, "at most 2000 characters") });

/** The agent's own e-mail signature (template variables allowed), above their queue's. */
export async function setOwnEmailSignature(viewer: Viewer, raw: string, deps: Deps) {
  const emailSignature = parseInput(signatureSchema, { emailSignature: raw }).emailSignature.replace(/\r\n?/g, "\n").trim();
  return deps.db.user.update({ where: { id: viewer.userId }, data: { emailSignature } });
}
