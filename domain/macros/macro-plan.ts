// What a macro does to one case, given who applies it. Pure: the caller loads the macro, the case
// and the viewer's rights, and carries out the plan in one transaction.
//
// The rules are the case's own (domain/cases/case-access.ts, update-case.ts):
// - nothing at all in a case the viewer may not write in (a lead who only watches): READ_ONLY;
// - tags: anyone who may write in the case;
// - the assignee: "me" takes a case nobody has or that is already mine; taking someone else's,
//   giving it to another person, or unassigning a case that is not mine needs cases.manage;
// - the status: the case's assignee (after the macro's own assignment) or cases.manage, and only a
//   status of the case's process that is in use.
// A macro either applies whole or not at all: any refused part refuses it, saying which.
// The reply is never sent: it goes into the composer for the agent to read, change and send.

export type MacroAssign = "KEEP" | "ME" | "UNASSIGN" | "USER";

export interface MacroSpec {
  statusId: string | null;
  assign: MacroAssign;
  /** With assign USER. */
  assigneeId: string | null;
  addTagIds: string[];
  removeTagIds: string[];
}

export interface CaseState {
  assigneeId: string | null;
  statusId: string;
  tagIds: string[];
  /** The statuses in use of the case's process. */
  statusIds: string[];
}

export interface MacroRights {
  userId: string;
  /** May write in the case (own work, or cases.manage). */
  canWrite: boolean;
  /** cases.manage */
  canManage: boolean;
}

export type MacroRefusal = "READ_ONLY" | "NOT_ASSIGNEE" | "STATUS_ELSEWHERE" | "NO_ASSIGNEE";

export type MacroPlan =
  | {
      ok: true;
      /** Set when the assignee changes (null: unassigned). */
      assigneeId?: string | null;
      /** Set when the status changes. */
      statusId?: string;
      addTagIds: string[];
      removeTagIds: string[];
    }
  | { ok: false; reason: MacroRefusal; part: "case" | "assignee" | "status" };

export function planMacro(macro: MacroSpec, kase: CaseState, who: MacroRights): MacroPlan {
  if (!who.canWrite) return { ok: false, reason: "READ_ONLY", part: "case" };
  const mine = kase.assigneeId === who.userId;

  let assignee = kase.assigneeId;
  if (macro.assign === "ME") {
    if (!mine && kase.assigneeId !== null && !who.canManage) return { ok: false, reason: "NOT_ASSIGNEE", part: "assignee" };
    assignee = who.userId;
  } else if (macro.assign === "UNASSIGN") {
    if (!mine && kase.assigneeId !== null && !who.canManage) return { ok: false, reason: "NOT_ASSIGNEE", part: "assignee" };
    assignee = null;
  } else if (macro.assign === "USER") {
    if (!macro.assigneeId) return { ok: false, reason: "NO_ASSIGNEE", part: "assignee" };
    if (macro.assigneeId !== who.userId && !who.canManage) return { ok: false, reason: "NOT_ASSIGNEE", part: "assignee" };
    if (macro.assigneeId === who.userId && !mine && kase.assigneeId !== null && !who.canManage) return { ok: false, reason: "NOT_ASSIGNEE", part: "assignee" };
    assignee = macro.assigneeId;
  }

  let statusId: string | undefined;
  if (macro.statusId && macro.statusId !== kase.statusId) {
    if (!kase.statusIds.includes(macro.statusId)) return { ok: false, reason: "STATUS_ELSEWHERE", part: "status" };
    if (assignee !== who.userId && !who.canManage) return { ok: false, reason: "NOT_ASSIGNEE", part: "status" };
    statusId = macro.statusId;
  }

  const has = new Set(kase.tagIds);
  const removeTagIds = [...new Set(macro.removeTagIds)].filter((id) => has.has(id));
  const removing = new Set(macro.removeTagIds);
  const addTagIds = [...new Set(macro.addTagIds)].filter((id) => !has.has(id) && !removing.has(id));

  return {
    ok: true,
    ...(assignee !== kase.assigneeId ? { assigneeId: assignee } : {}),
    ...(statusId ? { statusId } : {}),
    addTagIds,
    removeTagIds,
  };
}
