import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Permission } from "../../domain/access/permissions.ts";
import { can } from "../../domain/access/viewer.ts";
import { canWriteCase, visibleCase, visibleCasesWhere } from "../../domain/cases/case-access.ts";
import { SLA_COLUMNS, breachedWhere } from "../../domain/cases/case-sla.ts";
import { isBreached } from "../../domain/cases/sla.ts";
import { updateCase } from "../../domain/cases/update-case.ts";
import { replyToCase } from "../../domain/chat/agent-actions.ts";
import { DomainError } from "../../domain/shared/errors.ts";
import { authorizedStream, unlessRevoked } from "../authorized-stream.ts";
import { markupToText } from "../../domain/email/compose-email.ts";
import { builder } from "../builder.ts";
import { translationsOf, viewerName } from "../localized.ts";
import type { GraphQLContext } from "../context.ts";
import type { CaseActivity } from "../pubsub.ts";
import { AuthorTypeEnum, ChannelEnum, IdentityKindEnum, InteractionStateEnum, MessageKindEnum, StatusCategoryEnum } from "./enums.ts";
import { normalizeEmail, normalizePhone } from "../../domain/contacts/match-contact.ts";
import { ContactRef } from "./contacts.ts";
import { viewerOf } from "./helpers.ts";
import { interactionData } from "../../domain/interactions/interaction-data.ts";

builder.prismaObject("CaseStatus", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.string({
      description: "In the viewer's language when the admins gave one (translations), else the default name.",
      select: { name: true, translations: true },
      resolve: (c, _a, ctx) => viewerName(c, ctx),
    }),
    defaultName: t.exposeString("name", { description: "The name as entered, shown where no translation fits." }),
    translations: t.field({
      type: "JSON",
      description: "Names in other languages: { pl?, en?, ru? }.",
      select: { translations: true },
      resolve: translationsOf,
    }),
    color: t.exposeString("color"),
    category: t.expose("category", { type: StatusCategoryEnum }),
    sortOrder: t.exposeInt("sortOrder"),
    active: t.exposeBoolean("active"),
  }),
});

builder.prismaObject("Process", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    isDefault: t.exposeBoolean("isDefault"),
    statuses: t.relation("statuses", { query: { orderBy: { sortOrder: "asc" } } }),
  }),
});

builder.prismaObject("Attachment", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    fileName: t.exposeString("fileName"),
    contentType: t.exposeString("contentType"),
    size: t.exposeInt("size"),
    contentId: t.exposeString("contentId", { nullable: true, description: "Set for an image an e-mail's HTML shows by cid: (not listed as a download)." }),
    url: t.string({ description: "Download address (needs the session; checks the case is visible).", resolve: (a) => `/api/attachments/${a.id}` }),
  }),
});

builder.prismaObject("Message", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    kind: t.expose("kind", { type: MessageKindEnum }),
    authorType: t.expose("authorType", { type: AuthorTypeEnum }),
    author: t.relation("authorUser", { nullable: true }),
    body: t.exposeString("body"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    interactionId: t.exposeID("interactionId", { nullable: true }),
    attachments: t.relation("attachments"),
  }),
});

builder.prismaObject("InteractionEvent", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    type: t.exposeString("type"),
    agentId: t.exposeID("agentId", { nullable: true }),
    data: t.expose("data", { type: "JSON" }),
    at: t.expose("at", { type: "DateTime" }),
  }),
});

const PendingTransfer = builder.objectRef<{ note: string; toQueueId: string; toAgentId: string | null; fromAgentId: string }>("PendingTransfer").implement({
  fields: (t) => ({
    note: t.exposeString("note"),
    toQueueId: t.exposeID("toQueueId"),
    toAgentId: t.exposeID("toAgentId", { nullable: true }),
    fromAgentId: t.exposeID("fromAgentId"),
  }),
});

builder.prismaObject("Interaction", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    caseId: t.exposeID("caseId"),
    channel: t.expose("channel", { type: ChannelEnum }),
    state: t.expose("state", { type: InteractionStateEnum }),
    topic: t.exposeString("topic"),
    data: t.expose("data", { type: "JSON", description: "What the customer gave first (pre-chat form), how they were matched, PIN check." }),
    agent: t.relation("agent", { nullable: true }),
    queueId: t.exposeID("queueId", { nullable: true }),
    arrivedAt: t.expose("arrivedAt", { type: "DateTime" }),
    answeredAt: t.expose("answeredAt", { type: "DateTime", nullable: true }),
    endedAt: t.expose("endedAt", { type: "DateTime", nullable: true }),
    endedBy: t.exposeString("endedBy", { nullable: true }),
    rating: t.exposeInt("rating", { nullable: true }),
    ratingComment: t.exposeString("ratingComment"),
    dispositionCode: t.relation("dispositionCode", { nullable: true, description: "How it ended, as the agent wrote down in wrap-up." }),
    dispositionNote: t.exposeString("dispositionNote"),
    contactDeliveredAt: t.expose("contactDeliveredAt", { type: "DateTime", nullable: true }),
    contactReadAt: t.expose("contactReadAt", { type: "DateTime", nullable: true }),
    agentReadAt: t.expose("agentReadAt", { type: "DateTime", nullable: true }),
    visitorLastSeenAt: t.field({
      type: "DateTime",
      nullable: true,
      select: { visitor: { select: { lastSeenAt: true } } },
      resolve: (i) => i.visitor?.lastSeenAt ?? null,
    }),
    pendingTransfer: t.field({
      type: PendingTransfer,
      nullable: true,
      select: { queueItem: { select: { state: true, transferFromId: true, transferNote: true, queueId: true, targetAgentId: true } } },
      resolve: (i) => {
        const q = i.queueItem;
        return q?.transferFromId && (q.state === "WAITING" || q.state === "OFFERED")
          ? { note: q.transferNote, toQueueId: q.queueId, toAgentId: q.targetAgentId, fromAgentId: q.transferFromId }
          : null;
      },
    }),
    events: t.relation("events", { query: { orderBy: { at: "asc" } } }),
  }),
});

const ClaimedContact = builder.objectRef<{ firstName: string; lastName: string; typedKind: "EMAIL" | "PHONE"; typed: string }>("ClaimedContact").implement({
  fields: (t) => ({
    firstName: t.exposeString("firstName"),
    lastName: t.exposeString("lastName"),
    typedKind: t.field({ type: IdentityKindEnum, resolve: (c) => c.typedKind }),
    typed: t.exposeString("typed", { description: "The e-mail or phone the visitor typed, which matched the contact." }),
  }),
});

/** The name, and which of what the visitor typed matched the contact (their e-mail or phone). */
function claimedContact(contact: { firstName: string; lastName: string; identities: { kind: string; value: string }[] }, data: unknown) {
  const d = interactionData(data);
  const typed = [
    { typedKind: "EMAIL" as const, typed: d.email ?? "", normal: d.email ? normalizeEmail(d.email) : "" },
    { typedKind: "PHONE" as const, typed: d.phone ?? "", normal: d.phone ? normalizePhone(d.phone) : "" },
  ].filter((t) => t.normal);
  const match = typed.find((t) => contact.identities.some((i) => i.kind === t.typedKind && i.value === t.normal)) ?? typed[0];
  return { firstName: contact.firstName, lastName: contact.lastName, typedKind: match?.typedKind ?? ("EMAIL" as const), typed: match?.typed ?? "" };
}

type SlaRow = {
  slaFirstResponseDueAt: Date | null;
  slaFirstRespondedAt: Date | null;
  slaResolutionDueAt: Date | null;
  slaHeldAt: Date | null;
  slaBreached: boolean;
  slaDueAt: Date | null;
  slaWarnAt: Date | null;
};
const CaseSla = builder.objectRef<SlaRow>("CaseSla").implement({
  description:
    "The case's service-level clocks, from its queue's targets (domain/cases/sla.ts). Due times are instants; the counting hours are already in them.",
  fields: (t) => ({
    firstResponseDueAt: t.expose("slaFirstResponseDueAt", { type: "DateTime", nullable: true }),
    firstRespondedAt: t.expose("slaFirstRespondedAt", { type: "DateTime", nullable: true, description: "An agent's first public reply, or a call answered." }),
    resolutionDueAt: t.expose("slaResolutionDueAt", { type: "DateTime", nullable: true }),
    heldAt: t.expose("slaHeldAt", {
      type: "DateTime",
      nullable: true,
      description: "Since when the resolution clock is held (waiting on the customer, or resolved).",
    }),
    dueAt: t.expose("slaDueAt", { type: "DateTime", nullable: true, description: "The soonest due time of a clock running now; null: none runs." }),
    warnAt: t.expose("slaWarnAt", { type: "DateTime", nullable: true, description: "From when that clock is nearly due." }),
    missed: t.exposeBoolean("slaBreached", { description: "A clock stopped after its due time." }),
    breached: t.boolean({
      description: "Missed, or a running clock is past its due time now.",
      resolve: (s) => isBreached({ breached: s.slaBreached, dueAt: s.slaDueAt }, new Date()),
    }),
  }),
});

builder.prismaObject("Case", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    number: t.exposeInt("number"),
    subject: t.exposeString("subject"),
    channel: t.expose("channel", { type: ChannelEnum }),
    priority: t.exposeInt("priority"),
    status: t.relation("status"),
    processId: t.exposeID("processId"),
    queue: t.relation("queue", { nullable: true }),
    assignee: t.relation("assignee", { nullable: true }),
    canWrite: t.boolean({
      description: "Whether you may write in this case (messages, notes, e-mail). False for a team lead watching an agent's case without cases.manage.",
      resolve: (c, _args, ctx) => canWriteCase(viewerOf(ctx), c.id, ctx.app.db.prisma),
    }),
    contact: t.field({
      type: ContactRef,
      nullable: true,
      description: "The case's contact — null while it is only claimed (see contactVerified and claimedContact).",
      authScopes: { permission: "contacts.read" },
      select: (_args, _ctx, nestedSelection) => ({ contactVerified: true, contact: nestedSelection(true) }),
      resolve: (c) => (c.contactVerified ? c.contact : null),
    }),
    contactVerified: t.exposeBoolean("contactVerified", {
      description:
        "False when a web visitor was matched to the contact only by the e-mail or phone they typed: no VIP priority, and no contact details or history until verified.",
    }),
    claimedContact: t.field({
      type: ClaimedContact,
      nullable: true,
      description: "Who an unverified web visitor claimed to be (by typing their e-mail or phone): a name and what was typed, nothing more.",
      authScopes: { permission: "contacts.read" },
      select: {
        contactVerified: true,
        contact: {
          select: { firstName: true, lastName: true, identities: { where: { kind: { in: ["EMAIL", "PHONE"] } }, select: { kind: true, value: true } } },
        },
        interactions: { orderBy: { arrivedAt: "asc" }, take: 1, select: { data: true } },
      },
      resolve: (c) => (c.contactVerified || !c.contact ? null : claimedContact(c.contact, c.interactions[0]?.data)),
    }),
    deadline: t.expose("deadline", { type: "DateTime", nullable: true }),
    sla: t.field({
      type: CaseSla,
      nullable: true,
      description: "Service-level clocks; null when its queue set no targets.",
      select: SLA_COLUMNS,
      resolve: (c) => (c.slaFirstResponseDueAt || c.slaResolutionDueAt || c.slaBreached ? c : null),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    lastActivityAt: t.expose("lastActivityAt", { type: "DateTime" }),
    closedAt: t.expose("closedAt", { type: "DateTime", nullable: true }),
    messages: t.relation("messages", { query: { orderBy: { createdAt: "asc" }, take: 1000 } }),
    lastMessage: t.field({
      type: "String",
      nullable: true,
      select: { channel: true, messages: { where: { kind: "MESSAGE" }, orderBy: { createdAt: "desc" }, take: 1, select: { body: true, authorType: true } } },
      // Agents' e-mails are written in light markup: the preview reads it as text.
      resolve: (c) => {
        const m = c.messages[0];
        if (!m) return null;
        return (c.channel === "EMAIL" && m.authorType !== "CONTACT" ? markupToText(m.body) : m.body).slice(0, 160);
      },
    }),
    interactions: t.relation("interactions", { query: { orderBy: { arrivedAt: "asc" } } }),
    attachments: t.relation("attachments", { query: { where: { messageId: { not: null } }, orderBy: { createdAt: "asc" } } }),
  }),
});

/** Who may read cases at all: agents (their own), all-case readers, and leads (their agents'). */
export const READ_CASES: Permission[] = ["agents.work", "cases.read_all", "agents.monitor_team", "agents.monitor_all"];

const InboxScope = builder.enumType("InboxScope", {
  values: {
    MINE: { description: "assigned to me" },
    UNASSIGNED: { description: "nobody's yet, in queues I can see" },
    ALL: { description: "every case I can see" },
  } as const,
});

const InboxSort = builder.enumType("InboxSort", {
  values: {
    ACTIVITY: { description: "newest activity first (pages with `before`)" },
    DUE_SOONEST: { description: "the soonest service-level due time first (overdue ones first of all), cases without a running clock last" },
  } as const,
});

builder.queryFields((t) => ({
  inbox: t.prismaField({
    type: ["Case"],
    description: "Cases, newest activity first (or by `sort`). Page with `before` (the lastActivityAt of the last case you have).",
    authScopes: { anyPermission: READ_CASES },
    args: {
      scope: t.arg({ type: InboxScope, required: true }),
      categories: t.arg({ type: [StatusCategoryEnum], required: false }),
      search: t.arg.string({ required: false, validate: z.string().max(100).nullish() }),
      tagIds: t.arg.idList({ required: false, description: "Only cases carrying every one of these tags.", validate: z.array(z.uuid()).max(20).nullish() }),
      before: t.arg({ type: "DateTime", required: false }),
      limit: t.arg.int({ required: false, validate: z.number().int().min(1).max(200).nullish() }),
      sort: t.arg({ type: InboxSort, required: false }),
      breached: t.arg.boolean({ required: false, description: "Only cases that missed a service-level target or are past one now." }),
    },
    resolve: (query, _root, args, ctx) => {
      const viewer = viewerOf(ctx);
      const visible = visibleCasesWhere(viewer);
      if (!visible) return [];
      const q = args.search?.trim();
      const filters: Prisma.CaseWhereInput[] = [visible];
      if (args.scope === "MINE") filters.push({ assigneeId: viewer.userId });
      if (args.scope === "UNASSIGNED") filters.push({ assigneeId: null });
      if (args.categories?.length) filters.push({ status: { category: { in: args.categories } } });
      if (args.before) filters.push({ lastActivityAt: { lt: args.before } });
      for (const tagId of new Set(args.tagIds ?? [])) filters.push({ tags: { some: { tagId: String(tagId) } } });
      if (args.breached) filters.push(breachedWhere(new Date()));
      if (q) {
        const number = /^#?(\d{1,9})$/.exec(q)?.[1];
        filters.push({
          OR: [
            ...(number ? [{ number: Number(number) }] : []),
            { subject: { contains: q, mode: "insensitive" } },
            {
              contact: {
                OR: [
                  { firstName: { contains: q, mode: "insensitive" } },
                  { lastName: { contains: q, mode: "insensitive" } },
                  { identities: { some: { value: { contains: q.toLowerCase() } } } },
                ],
              },
            },
          ],
        });
      }
      return ctx.app.db.prisma.case.findMany({
        ...query,
        where: { AND: filters },
        orderBy: [...(args.sort === "DUE_SOONEST" ? [{ slaDueAt: { sort: "asc", nulls: "last" } } as const] : []), { lastActivityAt: "desc" }, { id: "desc" }],
        take: args.limit ?? 50,
      });
    },
  }),
  case: t.prismaField({
    type: "Case",
    nullable: true,
    authScopes: { anyPermission: READ_CASES },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (query, _root, args, ctx) => {
      const found = await visibleCase(viewerOf(ctx), String(args.id), ctx.app.db.prisma).catch(() => null);
      return found ? ctx.app.db.prisma.case.findUnique({ ...query, where: { id: found.id } }) : null;
    },
  }),
  processes: t.prismaField({
    type: ["Process"],
    authScopes: { authenticated: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.process.findMany({
        ...query,
        where: { organizationId: viewerOf(ctx).organizationId },
        orderBy: [{ isDefault: "desc" }, { name: "asc" }],
      }),
  }),
}));

const ReplyInput = builder.inputType("ReplyInput", {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    interactionId: t.id({ required: false }),
    kind: t.field({ type: MessageKindEnum, required: true }),
    body: t.string({ required: true }),
    attachmentIds: t.idList({ required: false }),
  }),
});

const CaseUpdateInput = builder.inputType("CaseUpdateInput", {
  fields: (t) => ({
    statusId: t.id({ required: false }),
    assigneeId: t.id({ required: false, description: "null to unassign; leave out to keep" }),
    deadline: t.field({ type: "DateTime", required: false }),
    subject: t.string({ required: false }),
    priority: t.int({ required: false }),
  }),
});

builder.mutationFields((t) => ({
  replyToCase: t.prismaField({
    type: "Message",
    description: "A message to the customer (in a live conversation) or a private note.",
    authScopes: { anyPermission: ["agents.work", "cases.manage"] },
    args: { input: t.arg({ type: ReplyInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const m = await replyToCase(
        viewerOf(ctx),
        {
          caseId: String(input.caseId),
          interactionId: input.interactionId ? String(input.interactionId) : null,
          kind: input.kind,
          body: input.body,
          attachmentIds: (input.attachmentIds ?? []).map(String),
        },
        ctx.app.deps,
      );
      return ctx.app.db.prisma.message.findUniqueOrThrow({ ...query, where: { id: m.id } });
    },
  }),
  updateCase: t.prismaField({
    type: "Case",
    authScopes: { anyPermission: ["agents.work", "cases.manage"] },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }), input: t.arg({ type: CaseUpdateInput, required: true }) },
    resolve: async (query, _root, { id, input }, ctx) => {
      await updateCase(
        viewerOf(ctx),
        {
          caseId: String(id),
          statusId: input.statusId ? String(input.statusId) : undefined,
          // GraphQL distinguishes "left out" (keep) from null (unassign).
          assigneeId: input.assigneeId === undefined ? undefined : input.assigneeId === null ? null : String(input.assigneeId),
          deadline: input.deadline === undefined ? undefined : input.deadline,
          subject: input.subject ?? undefined,
          priority: input.priority ?? undefined,
        },
        ctx.app.deps,
      );
      return ctx.app.db.prisma.case.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
}));

const TypingRef = builder.objectRef<{ interactionId: string; by: string; typing: boolean; agentId: string | null }>("Typing").implement({
  fields: (t) => ({
    interactionId: t.exposeID("interactionId"),
    by: t.exposeString("by"),
    typing: t.exposeBoolean("typing"),
    agentId: t.exposeID("agentId", { nullable: true }),
  }),
});
const ReadRef = builder.objectRef<{ interactionId: string; by: string; at: string }>("ReadReceipt").implement({
  fields: (t) => ({ interactionId: t.exposeID("interactionId"), by: t.exposeString("by"), at: t.exposeString("at") }),
});
const CaseActivityRef = builder.objectRef<CaseActivity & { caseId: string }>("CaseActivity").implement({
  description: "Something happened in a case: re-read the message or the case as `kind` says.",
  fields: (t) => ({
    caseId: t.exposeID("caseId"),
    kind: t.exposeString("kind"),
    message: t.prismaField({
      type: "Message",
      nullable: true,
      resolve: (query, e, _args, ctx) => (e.kind === "message" ? ctx.app.db.prisma.message.findUnique({ ...query, where: { id: e.messageId } }) : null),
    }),
    typing: t.field({ type: TypingRef, nullable: true, resolve: (e) => (e.kind === "typing" ? e : null) }),
    read: t.field({ type: ReadRef, nullable: true, resolve: (e) => (e.kind === "read" ? e : null) }),
  }),
});

// On the supervisor board: the cases an agent is working in now (a live chat, call or e-mail), so
// a lead can open one and watch. Only cases the viewer may see are listed.
builder.prismaObjectField("AgentPresence", "liveCases", (t) =>
  t.prismaField({
    type: ["Case"],
    description: "Cases with a live conversation of this agent that you may open.",
    resolve: (query, p, _args, ctx) => {
      const visible = visibleCasesWhere(viewerOf(ctx));
      if (!visible) return [];
      return ctx.app.db.prisma.case.findMany({
        ...query,
        where: { AND: [visible, { interactions: { some: { agentId: p.userId, state: "ACTIVE" } } }] },
        orderBy: { lastActivityAt: "desc" },
        take: 10,
      });
    },
  }),
);

const InboxPing = builder.objectRef<{ caseId: string }>("InboxPing").implement({ fields: (t) => ({ caseId: t.exposeID("caseId") }) });

builder.subscriptionFields((t) => ({
  caseActivity: t.field({
    type: CaseActivityRef,
    description: "Live activity of one case you may see; ends if you may no longer see it.",
    authScopes: { anyPermission: READ_CASES },
    args: { caseId: t.arg.id({ required: true, validate: z.uuid() }) },
    subscribe: async (_root, args, ctx) => {
      const caseId = String(args.caseId);
      await visibleCase(viewerOf(ctx), caseId, ctx.app.db.prisma);
      let checked = { generation: -1, ok: false };
      return authorizedStream(ctx, ctx.app.pubsub.subscribe("caseActivity", caseId), async (viewer, event) => {
        // Visibility can change (reassigned, removed from the queue): re-check after any access change or update.
        if (checked.generation !== ctx.app.viewers.generation || event.kind === "updated") {
          checked = { generation: ctx.app.viewers.generation, ok: await canSee(ctx, viewer, caseId) };
        }
        return checked.ok ? "deliver" : new DomainError("FORBIDDEN", "You may no longer see this case");
      });
    },
    resolve: (payload, args) => ({ ...unlessRevoked(payload), caseId: String(args.caseId) }),
  }),
  inboxChanged: t.field({
    type: InboxPing,
    description: "A case in your inbox (or, with cases.read_all, any case) changed: refetch.",
    authScopes: { anyPermission: READ_CASES },
    subscribe: (_root, _args, ctx) => {
      const v = viewerOf(ctx);
      const leads = !can(v, "cases.read_all") && (can(v, "agents.monitor_team") || can(v, "agents.monitor_all"));
      // A lead's inbox also holds their agents' cases: every case event of the organisation,
      // each delivered only if this viewer may see that case now.
      const source = can(v, "cases.read_all") || leads ? ctx.app.pubsub.subscribe("orgCases", v.organizationId) : ctx.app.pubsub.subscribe("inbox", v.userId);
      return authorizedStream(ctx, source, async (viewer, event) => {
        if (!READ_CASES.some((p) => can(viewer, p))) return new DomainError("FORBIDDEN", "Your role no longer has an inbox");
        if (!leads || can(viewer, "cases.read_all")) return "deliver";
        return (await canSee(ctx, viewer, event.caseId)) ? "deliver" : "skip";
      });
    },
    resolve: (payload) => unlessRevoked(payload),
  }),
}));

async function canSee(ctx: GraphQLContext, viewer: Parameters<typeof visibleCase>[0], caseId: string) {
  return visibleCase(viewer, caseId, ctx.app.db.prisma).then(
    () => true,
    () => false,
  );
}
