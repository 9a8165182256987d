// The life of an interaction, as one table. It waits (QUEUED: in a queue, offered, in an IVR flow, or
// a call-back waiting for its time), is handled (ACTIVE: an agent has it; an agent going offline
// puts it back in the queue), and ends one way: ENDED (handled, or closed without an agent, e.g. an
// automatic e-mail reply), ABANDONED (the customer left before an agent answered), LEFT_MESSAGE
// (nobody could take it; the customer left a message or a voicemail). Ended is final.
// The states are the schema's enum: a state added there fails to compile here until it has its moves.
import type { InteractionState } from "../../generated/prisma/enums.ts";

export type { InteractionState };

const MOVES: Record<InteractionState, readonly InteractionState[]> = {
  QUEUED: ["QUEUED", "ACTIVE", "ENDED", "ABANDONED", "LEFT_MESSAGE"],
  ACTIVE: ["QUEUED", "ENDED"],
  ENDED: [],
  ABANDONED: [],
  LEFT_MESSAGE: [],
};

export const canMove = (from: InteractionState, to: InteractionState) => MOVES[from].includes(to);

export const isFinal = (state: InteractionState) => MOVES[state].length === 0;

/** How an interaction ends when someone ends it now: before an agent answered, the customer
 * abandoned it; after, it ended. Null: it already has. */
export function endingOf(state: InteractionState): "ABANDONED" | "ENDED" | null {
  if (state === "QUEUED") return "ABANDONED";
  if (state === "ACTIVE") return "ENDED";
  return null;
}
