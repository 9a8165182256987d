import { describe, expect, it } from "vitest";
import { type CaseState, type MacroRights, type MacroSpec, planMacro } from "./macro-plan.ts";

const ME = "u-me";
const OTHER = "u-other";
const spec = (over: Partial<MacroSpec> = {}): MacroSpec => ({ statusId: null, assign: "KEEP", assigneeId: null, addTagIds: [], removeTagIds: [], ...over });
const kase = (over: Partial<CaseState> = {}): CaseState => ({ assigneeId: ME, statusId: "s-open", tagIds: [], statusIds: ["s-new", "s-open", "s-solved"], ...over });
const agent: MacroRights = { userId: ME, canWrite: true, canManage: false };
const manager: MacroRights = { userId: ME, canWrite: true, canManage: true };

describe("planMacro", () => {
  it("refuses everything in a case the viewer only watches", () => {
    expect(planMacro(spec({ addTagIds: ["t1"] }), kase(), { ...agent, canWrite: false })).toEqual({ ok: false, reason: "READ_ONLY", part: "case" });
  });

  it("adds and removes only the tags that change anything", () => {
    const plan = planMacro(spec({ addTagIds: ["t1", "t2", "t2"], removeTagIds: ["t3", "t4"] }), kase({ tagIds: ["t2", "t3"] }), agent);
    expect(plan).toEqual({ ok: true, addTagIds: ["t1"], removeTagIds: ["t3"] });
  });

  it("a tag both added and removed is removed", () => {
    expect(planMacro(spec({ addTagIds: ["t1"], removeTagIds: ["t1"] }), kase({ tagIds: ["t1"] }), agent)).toMatchObject({ addTagIds: [], removeTagIds: ["t1"] });
    expect(planMacro(spec({ addTagIds: ["t1"], removeTagIds: ["t1"] }), kase(), agent)).toMatchObject({ addTagIds: [], removeTagIds: [] });
  });

  it("lets the assignee change the status of their case", () => {
    expect(planMacro(spec({ statusId: "s-solved" }), kase(), agent)).toEqual({ ok: true, statusId: "s-solved", addTagIds: [], removeTagIds: [] });
  });

  it("leaves a status the case already has alone", () => {
    expect(planMacro(spec({ statusId: "s-open" }), kase({ assigneeId: OTHER }), agent)).toEqual({ ok: true, addTagIds: [], removeTagIds: [] });
  });

  it("refuses a status change in someone else's or nobody's case without cases.manage", () => {
    expect(planMacro(spec({ statusId: "s-solved" }), kase({ assigneeId: OTHER }), agent)).toEqual({ ok: false, reason: "NOT_ASSIGNEE", part: "status" });
    expect(planMacro(spec({ statusId: "s-solved" }), kase({ assigneeId: null }), agent)).toEqual({ ok: false, reason: "NOT_ASSIGNEE", part: "status" });
    expect(planMacro(spec({ statusId: "s-solved" }), kase({ assigneeId: OTHER }), manager)).toMatchObject({ ok: true, statusId: "s-solved" });
  });

  it("takes a case nobody has, then may change its status", () => {
    expect(planMacro(spec({ assign: "ME", statusId: "s-solved" }), kase({ assigneeId: null }), agent)).toEqual({
      ok: true,
      assigneeId: ME,
      statusId: "s-solved",
      addTagIds: [],
      removeTagIds: [],
    });
  });

  it("takes someone else's case only with cases.manage", () => {
    expect(planMacro(spec({ assign: "ME" }), kase({ assigneeId: OTHER }), agent)).toEqual({ ok: false, reason: "NOT_ASSIGNEE", part: "assignee" });
    expect(planMacro(spec({ assign: "ME" }), kase({ assigneeId: OTHER }), manager)).toMatchObject({ ok: true, assigneeId: ME });
  });

  it("unassigns the viewer's own case, not another's", () => {
    expect(planMacro(spec({ assign: "UNASSIGN" }), kase(), agent)).toMatchObject({ ok: true, assigneeId: null });
    expect(planMacro(spec({ assign: "UNASSIGN" }), kase({ assigneeId: OTHER }), agent)).toMatchObject({ ok: false, reason: "NOT_ASSIGNEE" });
  });

  it("after unassigning, an agent may no longer change the status", () => {
    expect(planMacro(spec({ assign: "UNASSIGN", statusId: "s-new" }), kase(), agent)).toEqual({ ok: false, reason: "NOT_ASSIGNEE", part: "status" });
    expect(planMacro(spec({ assign: "UNASSIGN", statusId: "s-new" }), kase(), manager)).toMatchObject({ ok: true, assigneeId: null, statusId: "s-new" });
  });

  it("gives a case to a named person only with cases.manage", () => {
    expect(planMacro(spec({ assign: "USER", assigneeId: OTHER }), kase(), agent)).toMatchObject({ ok: false, reason: "NOT_ASSIGNEE", part: "assignee" });
    expect(planMacro(spec({ assign: "USER", assigneeId: OTHER }), kase(), manager)).toMatchObject({ ok: true, assigneeId: OTHER });
    expect(planMacro(spec({ assign: "USER", assigneeId: null }), kase(), manager)).toMatchObject({ ok: false, reason: "NO_ASSIGNEE" });
  });

  it("a macro naming the viewer themselves works like 'me'", () => {
    expect(planMacro(spec({ assign: "USER", assigneeId: ME }), kase({ assigneeId: null }), agent)).toMatchObject({ ok: true, assigneeId: ME });
    expect(planMacro(spec({ assign: "USER", assigneeId: ME }), kase({ assigneeId: OTHER }), agent)).toMatchObject({ ok: false, reason: "NOT_ASSIGNEE" });
  });

  it("refuses a status of another process or one no longer in use", () => {
    expect(planMacro(spec({ statusId: "s-elsewhere" }), kase(), manager)).toEqual({ ok: false, reason: "STATUS_ELSEWHERE", part: "status" });
  });

  it("does not report an assignment that changes nothing", () => {
    expect(planMacro(spec({ assign: "ME" }), kase(), agent)).toEqual({ ok: true, addTagIds: [], removeTagIds: [] });
  });
});
