// Call scripts on both databases: drafts and published versions (frozen once published), an
// agent reading the script of an interaction they handle and saving answers the engine replays,
// and everyone else refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../domain/cases/create-case.ts";
import { createCallScript, deleteCallScript, publishScript, saveScriptDraft } from "../../domain/scripts/call-scripts.ts";
import type { ScriptDefinitionInput } from "../../domain/scripts/definition.ts";
import { interactionScript, saveScriptAnswers } from "../../domain/scripts/script-answers.ts";
import { type TestOrg, asViewer, makeOrg, makeQueue, makeUser } from "../factories/index.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  // Starting a server (migrations on a fresh database) is slow on a busy machine.
}, 240_000);
afterAll(async () => server?.close());

const db = () => server.app.db.prisma;
const deps = () => server.app.deps;

const survey: ScriptDefinitionInput = {
  resultCodes: [
    { code: "DONE", label: "Done" },
    { code: "NO", label: "Not interested" },
  ],
  questions: [
    {
      id: "ok",
      type: "choice",
      text: "{name}, do you have a minute about {debt}?",
      required: true,
      options: [
        { value: "yes", label: "Yes" },
        { value: "no", label: "No" },
      ],
      onLeave: [
        { kind: "result", code: "NO", when: { question: "ok", op: "eq", value: "no" } },
        { kind: "end", when: { question: "ok", op: "eq", value: "no" } },
      ],
    },
    { id: "score", type: "scale", text: "How likely…?", min: 0, max: 10, required: true, onLeave: [{ kind: "result", code: "DONE" }] },
    {
      id: "call",
      type: "choice",
      text: "Call back?",
      options: [{ value: "yes", label: "Yes" }],
      onLeave: [{ kind: "callback", when: { question: "call", op: "eq", value: "yes" } }],
    },
  ],
};

async function handledCall(queueId: string, agentId: string) {
  const contact = await db().contact.create({ data: { organizationId: org.id, firstName: "Ewa", lastName: "Nowak", fields: { debt: "120 zł" } } });
  const kase = await createCase(db(), { organizationId: org.id, channel: "VOICE", subject: "Call", contactId: contact.id, queueId, now: new Date() });
  return db().interaction.create({ data: { organizationId: org.id, caseId: kase.id, channel: "VOICE", state: "ACTIVE", queueId, agentId } });
}

describe("call scripts", () => {
  it("keep a published version frozen: editing writes a new draft", async () => {
    const admin = await asViewer(server.app, (await makeUser(server.app, org, "ADMIN")).id);
    const script = await createCallScript(admin, { name: "Frozen" }, deps());
    const v1 = await saveScriptDraft(admin, script.id, { name: "Frozen", definition: survey }, deps());
    expect(v1).toMatchObject({ number: 1, status: "DRAFT" });
    await expect(publishScript(admin, script.id, deps())).resolves.toMatchObject({ id: v1.id, status: "PUBLISHED" });
    await expect(publishScript(admin, script.id, deps())).rejects.toMatchObject({ details: { reason: "NOTHING_TO_PUBLISH" } });
    const v2 = await saveScriptDraft(admin, script.id, { name: "Frozen", definition: { ...survey, questions: survey.questions!.slice(0, 1) } }, deps());
    expect(v2).toMatchObject({ number: 2, status: "DRAFT" });
    const again = await saveScriptDraft(admin, script.id, { name: "Frozen", definition: { questions: [] } }, deps());
    expect(again.id).toBe(v2.id);
    expect((await db().callScriptVersion.findUniqueOrThrow({ where: { id: v1.id } })).definition).toMatchObject({
      questions: [{ id: "ok" }, { id: "score" }, { id: "call" }],
    });
    // An empty draft does not publish; the audit log has the publish.
    await expect(publishScript(admin, script.id, deps())).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: { reason: "SCRIPT_INVALID", problems: [{ code: "EMPTY" }] },
    });
    expect(await db().auditLog.count({ where: { targetId: script.id, action: "call_script.published" } })).toBe(1);
  });

  it("refuse editing to those without scripts.manage", async () => {
    const agent = await asViewer(server.app, (await makeUser(server.app, org, "AGENT")).id);
    await expect(createCallScript(agent, { name: "Nope" }, deps())).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("let the handling agent follow the queue's script and save answers the engine accepts", async () => {
    const admin = await asViewer(server.app, (await makeUser(server.app, org, "ADMIN")).id);
    const ann = await makeUser(server.app, org, "AGENT");
    const bob = await makeUser(server.app, org, "AGENT");
    const queue = await makeQueue(server.app, org, [{ userId: ann.id }]);
    const script = await createCallScript(admin, { name: "Survey" }, deps());
    const draft = await saveScriptDraft(admin, script.id, { name: "Survey", definition: survey }, deps());
    const call = await handledCall(queue.id, ann.id);
    const annV = await asViewer(server.app, ann.id);
    // No script on the queue yet; then a script with only a draft: still none.
    expect(await interactionScript(annV, call.id, deps())).toBeNull();
    await db().queue.update({ where: { id: queue.id }, data: { callScriptId: script.id } });
    expect(await interactionScript(annV, call.id, deps())).toBeNull();
    await publishScript(admin, script.id, deps());
    const seen = await interactionScript(annV, call.id, deps());
    expect(seen).toMatchObject({ name: "Survey", version: { id: draft.id }, fields: { name: "Ewa Nowak", debt: "120 zł" }, answers: null });

    // Bob does not handle the call: neither reading nor saving.
    const bobV = await asViewer(server.app, bob.id);
    await expect(interactionScript(bobV, call.id, deps())).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(saveScriptAnswers(bobV, call.id, { scriptVersionId: draft.id, steps: [] }, deps())).rejects.toMatchObject({ code: "NOT_FOUND" });

    // A path the script would not take is refused; progress is saved; closing needs the end.
    await expect(saveScriptAnswers(annV, call.id, { scriptVersionId: draft.id, steps: [{ questionId: "score", value: 3 }] }, deps())).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await saveScriptAnswers(annV, call.id, { scriptVersionId: draft.id, steps: [{ questionId: "ok", value: "yes" }] }, deps());
    await expect(
      saveScriptAnswers(annV, call.id, { scriptVersionId: draft.id, steps: [{ questionId: "ok", value: "yes" }], complete: true }, deps()),
    ).rejects.toMatchObject({ details: { reason: "SCRIPT_NOT_ENDED" } });

    // A newer published version does not move an interaction that already started on this one.
    await saveScriptDraft(admin, script.id, { name: "Survey", definition: survey }, deps());
    await publishScript(admin, script.id, deps());
    expect((await interactionScript(annV, call.id, deps()))!.version.id).toBe(draft.id);

    const steps = [
      { questionId: "ok", value: "yes" },
      { questionId: "score", value: 9 },
      { questionId: "call", value: "yes" },
    ];
    await expect(saveScriptAnswers(annV, call.id, { scriptVersionId: draft.id, steps, complete: true }, deps())).rejects.toMatchObject({
      details: { fields: [{ path: "input.callbackAt" }] },
    });
    const saved = await saveScriptAnswers(annV, call.id, { scriptVersionId: draft.id, steps, complete: true, callbackAt: "2026-12-08T09:15" }, deps());
    expect(saved).toMatchObject({ resultCode: "DONE", requests: [{ kind: "callback", at: "2026-12-08T09:15" }], agentId: ann.id });
    expect(saved.completedAt).toBeInstanceOf(Date);
    expect(await db().scriptAnswers.count({ where: { interactionId: call.id } })).toBe(1);
    await expect(
      saveScriptAnswers(annV, call.id, { scriptVersionId: draft.id, steps, complete: true, callbackAt: "2026-12-08T09:15" }, deps()),
    ).rejects.toMatchObject({ details: { reason: "SCRIPT_CLOSED" } });

    // A script with answers, or a queue using it, is not deleted.
    await expect(deleteCallScript(admin, script.id, deps())).rejects.toMatchObject({ details: { reason: "SCRIPT_IN_USE" } });
    const spare = await createCallScript(admin, { name: "Spare" }, deps());
    await deleteCallScript(admin, spare.id, deps());
    expect(await db().auditLog.count({ where: { targetId: spare.id, action: "call_script.deleted" } })).toBe(1);
  });

  it("give a call closed with a result code that names a disposition that disposition, unless its agent chose one", async () => {
    const admin = await asViewer(server.app, (await makeUser(server.app, org, "ADMIN")).id);
    const ann = await makeUser(server.app, org, "AGENT");
    const annV = await asViewer(server.app, ann.id);
    const queue = await makeQueue(server.app, org, [{ userId: ann.id }]);
    const [paid, refused, archived] = await Promise.all(
      [
        { name: "Paid (script)", kind: "REACHED" as const },
        { name: "Refused (script)", kind: "FAILED" as const },
        { name: "Old (script)", kind: "RETRY" as const, active: false },
      ].map((data) => db().dispositionCode.create({ data: { organizationId: org.id, ...data } })),
    );
    const mapped = (dispositionId: string, noId: string) => ({
      ...survey,
      resultCodes: [
        { code: "DONE", label: "Done", dispositionId },
        { code: "NO", label: "Not interested", dispositionId: noId },
      ],
    });
    const script = await createCallScript(admin, { name: "Mapped" }, deps());
    // An archived disposition (or another organisation's) is not published.
    await saveScriptDraft(admin, script.id, { name: "Mapped", definition: mapped(paid.id, archived.id) }, deps());
    await expect(publishScript(admin, script.id, deps())).rejects.toMatchObject({
      details: { reason: "SCRIPT_INVALID", problems: [{ code: "UNKNOWN_DISPOSITION", ref: "NO" }] },
    });
    const version = await saveScriptDraft(admin, script.id, { name: "Mapped", definition: mapped(paid.id, refused.id) }, deps());
    await publishScript(admin, script.id, deps());
    await db().queue.update({ where: { id: queue.id }, data: { callScriptId: script.id } });

    // Closed "not interested": the call gets "Refused", recorded as the agent's disposition.
    const first = await handledCall(queue.id, ann.id);
    await saveScriptAnswers(annV, first.id, { scriptVersionId: version.id, steps: [{ questionId: "ok", value: "no" }], complete: true }, deps());
    expect(await db().interaction.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ dispositionCodeId: refused.id });
    expect(await db().interactionEvent.count({ where: { interactionId: first.id, type: "disposition", agentId: ann.id } })).toBe(1);

    // The agent chose one before closing: theirs stays.
    const second = await handledCall(queue.id, ann.id);
    await db().interaction.update({ where: { id: second.id }, data: { dispositionCodeId: paid.id, dispositionNote: "paid on the phone" } });
    await saveScriptAnswers(annV, second.id, { scriptVersionId: version.id, steps: [{ questionId: "ok", value: "no" }], complete: true }, deps());
    expect(await db().interaction.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      dispositionCodeId: paid.id,
      dispositionNote: "paid on the phone",
    });

    // Archived since publishing: the script still closes; the agent chooses in wrap-up.
    await db().dispositionCode.update({ where: { id: refused.id }, data: { active: false } });
    const third = await handledCall(queue.id, ann.id);
    const closed = await saveScriptAnswers(annV, third.id, { scriptVersionId: version.id, steps: [{ questionId: "ok", value: "no" }], complete: true }, deps());
    expect(closed).toMatchObject({ resultCode: "NO" });
    expect(await db().interaction.findUniqueOrThrow({ where: { id: third.id } })).toMatchObject({ dispositionCodeId: null });
  });
});
