// A running campaign with a known history, written straight into the database (the dialer is not
// needed to look at its figures): 4 contacts, 7 attempts (5 in the last few minutes, 2 two days
// ago), two result codes, a call script answered on two calls. Figures expected (docs/campaigns.md,
// Campaign monitor): dialled 7, person-answered 4, abandoned 1 (25 %), connected 3; last hour 5
// dialled, 3 person-answered, 1 abandoned (33.33 %); contacts 4 (1 due, 1 later, 1 in a call, 1
// reached), 4 attempts left.
import { createCase } from "../../domain/cases/create-case.ts";
import type { Db } from "../../domain/shared/tx.ts";

const unique = () => Math.random().toString(36).slice(2, 8);

export async function seedCampaign(db: Db, organizationId: string, o: { agentId: string; memberIds: string[]; name?: string; now?: Date }) {
  const now = o.now ?? new Date();
  const ago = (min: number) => new Date(now.getTime() - min * 60_000);
  const script = await db.callScript.create({ data: { organizationId, name: `Survey ${unique()}` } });
  const version = await db.callScriptVersion.create({
    data: {
      organizationId,
      scriptId: script.id,
      number: 1,
      status: "PUBLISHED",
      publishedAt: ago(60 * 72),
      definition: {
        questions: [
          {
            id: "interested",
            type: "choice",
            text: "Interested?",
            options: [
              { value: "yes", label: "Yes" },
              { value: "no", label: "No" },
            ],
          },
          { id: "people", type: "number", text: "How many people at home?" },
        ],
        resultCodes: [],
      },
    },
  });
  const queue = await db.queue.create({
    data: {
      organizationId,
      name: `Campaign queue ${unique()}`,
      channels: ["VOICE"],
      callScriptId: script.id,
      members: { create: o.memberIds.map((userId) => ({ userId })) },
    },
  });
  const sale = await db.dispositionCode.create({ data: { organizationId, name: `Sale ${unique()}`, kind: "REACHED", translations: { pl: "Sprzedaż" } } });
  const later = await db.dispositionCode.create({ data: { organizationId, name: `Call later ${unique()}`, kind: "RETRY" } });
  const list = await db.contactList.create({ data: { organizationId, name: `List ${unique()}`, status: "READY", fieldNames: ["debt"], fileName: "list.csv" } });
  const campaign = await db.campaign.create({
    data: {
      organizationId,
      name: o.name ?? `Campaign ${unique()}`,
      mode: "PREDICTIVE",
      status: "RUNNING",
      queueId: queue.id,
      maxAttempts: 3,
      startedAt: ago(60 * 72),
      lists: { create: { listId: list.id, enrolledAt: ago(60 * 72) } },
    },
  });
  const contact = async (i: number, c: { state: "WAITING" | "IN_CALL" | "DONE"; done?: "REACHED"; attempts: number; nextAttemptAt?: Date }) => {
    const phone = `+4860100000${i}`;
    const entry = await db.contactListEntry.create({ data: { listId: list.id, row: i + 1, phone, name: `Person ${i}`, fields: { debt: `${i}00` } } });
    return db.campaignContact.create({ data: { campaignId: campaign.id, entryId: entry.id, phone, sortKey: i, ...c } });
  };
  const k1 = await contact(1, { state: "DONE", done: "REACHED", attempts: 1 });
  const k2 = await contact(2, { state: "WAITING", attempts: 3, nextAttemptAt: new Date(now.getTime() + 3600_000) });
  const k3 = await contact(3, { state: "WAITING", attempts: 0 });
  const k4 = await contact(4, { state: "IN_CALL", attempts: 2 });

  const interaction = async (at: Date) => {
    const kase = await createCase(db, { organizationId, channel: "VOICE", subject: "campaign call", contactId: null, queueId: queue.id, now: at });
    return db.interaction.create({
      data: { organizationId, caseId: kase.id, channel: "VOICE", direction: "OUTBOUND", queueId: queue.id, agentId: o.agentId, state: "ENDED", arrivedAt: at },
    });
  };
  const answers = (interactionId: string, interested: string, people: number) =>
    db.scriptAnswers.create({
      data: {
        organizationId,
        interactionId,
        scriptVersionId: version.id,
        agentId: o.agentId,
        steps: [
          { questionId: "interested", value: interested },
          { questionId: "people", value: people },
        ],
      },
    });
  const base = { organizationId, campaignId: campaign.id, mode: "PREDICTIVE" as const };
  const i1 = await interaction(ago(5));
  const i5 = await interaction(ago(1));
  const i7 = await interaction(ago(60 * 48));
  await db.campaignAttempt.createMany({
    data: [
      {
        ...base,
        contactId: k1.id,
        startedAt: ago(5),
        answeredAt: ago(5),
        connectedAt: ago(5),
        endedAt: ago(3),
        amdResult: "HUMAN",
        outcome: "REACHED",
        dispositionId: sale.id,
        agentId: o.agentId,
        interactionId: i1.id,
      },
      { ...base, contactId: k2.id, startedAt: ago(4), endedAt: ago(4), sipCode: 486, outcome: "BUSY" },
      { ...base, contactId: k4.id, startedAt: ago(4), answeredAt: ago(4), endedAt: ago(4), amdResult: "HUMAN", outcome: "ABANDONED" },
      { ...base, contactId: k4.id, startedAt: ago(3), answeredAt: ago(3), endedAt: ago(3), amdResult: "MACHINE", outcome: "MACHINE" },
      { ...base, contactId: k4.id, startedAt: ago(2), answeredAt: ago(2), connectedAt: ago(1), amdResult: "HUMAN", agentId: o.agentId, interactionId: i5.id },
      { ...base, contactId: k2.id, startedAt: ago(60 * 49), endedAt: ago(60 * 49), outcome: "NO_ANSWER" },
      {
        ...base,
        contactId: k2.id,
        startedAt: ago(60 * 48),
        answeredAt: ago(60 * 48),
        connectedAt: ago(60 * 48),
        endedAt: ago(60 * 47),
        amdResult: "UNSURE",
        outcome: "RETRY",
        dispositionId: later.id,
        agentId: o.agentId,
        interactionId: i7.id,
      },
    ],
  });
  await answers(i1.id, "yes", 2);
  await answers(i5.id, "no", 4);
  return { campaign, queue, list, sale, later, contacts: { k1, k2, k3, k4 } };
}
