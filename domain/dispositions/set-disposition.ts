// Dispositions: how a call ended, written down by the agent who handled it. Giving one (with
// `done`) ends the agent's wrap-up (domain/agents/wrap-up.ts), which may be waiting for it.
import type { Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { DomainError, notFound } from "../shared/errors.ts";
import { changeAgentState } from "../agents/set-agent-state.ts";
import { currentWrapUp } from "../agents/wrap-up.ts";
import { recordEvent } from "../interactions/record-event.ts";

/** The agent who handled an interaction writes down how it ended; `done` ends their wrap-up. */
export async function setDisposition(
  viewer: Viewer,
  interactionId: string,
  input: { dispositionCodeId: string | null; note: string; done: boolean },
  deps: Deps,
) {
  const note = input.note.trim();
  if (note.length > 2000) throw new DomainError("INVALID_INPUT", "The note is too long (at most 2,000 characters)", { field: "note" });
  const interaction = await deps.db.interaction.findFirst({
    where: {
      id: interactionId,
      organizationId: viewer.organizationId,
      OR: [{ agentId: viewer.userId }, { events: { some: { agentId: viewer.userId, type: "accepted" } } }],
    },
    select: { id: true, organizationId: true, caseId: true, queueId: true },
  });
  if (!interaction) throw notFound("Interaction");
  let codeName: string | null = null;
  if (input.dispositionCodeId) {
    const code = await deps.db.dispositionCode.findFirst({ where: { id: input.dispositionCodeId, organizationId: viewer.organizationId, active: true } });
    if (!code) throw new DomainError("INVALID_INPUT", "This disposition is not available", { field: "dispositionCodeId" });
    codeName = code.name;
  }
  const updated = await deps.db.$transaction(async (tx) => {
    const row = await tx.interaction.update({ where: { id: interaction.id }, data: { dispositionCodeId: input.dispositionCodeId, dispositionNote: note } });
    await recordEvent(tx, {
      organizationId: interaction.organizationId,
      interactionId: interaction.id,
      type: "disposition",
      agentId: viewer.userId,
      queueId: interaction.queueId,
      at: deps.now(),
      data: { code: codeName, note: note.length > 0 },
    });
    return row;
  });
  deps.events.publish("case.updated", { organizationId: interaction.organizationId, caseId: interaction.caseId });
  if (input.done) {
    const wrap = await currentWrapUp(viewer.userId, deps.db);
    if (wrap?.interactionId === interaction.id) {
      await changeAgentState(
        {
          userId: viewer.userId,
          organizationId: viewer.organizationId,
          state: "READY",
          source: "AGENT",
          changedById: null,
          seen: true,
          onlyIf: (c) => c.state === "WRAP_UP",
        },
        deps,
      );
    }
  }
  return updated;
}
