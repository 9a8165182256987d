// The phone network for admins: SIP trunks (with their registration as the media role last saw
// it), the numbers customers dial (DIDs), the toll-fraud rules for calls out, and blocked numbers.
// A trunk's password goes in and never comes out: only `hasSecret`.
import { z } from "zod";
import { activeBlocksWhere, blockNumber, unblockNumber } from "../../domain/phone/blocked-numbers.ts";
import { type OutboundRules, readOutboundRules, saveOutboundRules } from "../../domain/phone/outbound-rules.ts";
import { deletePhoneNumber, savePhoneNumber } from "../../domain/phone/phone-numbers.ts";
import { deleteSipTrunk, saveSipTrunk, telephonyAlarms } from "../../domain/phone/trunks.ts";
import { trunkProblemOf } from "../../domain/phone/trunk-status.ts";
import { userName } from "../names.ts";
import { builder } from "../builder.ts";
import { viewerOf } from "./helpers.ts";

const TrunkStatusEnum = builder.enumType("TrunkStatus", { values: ["OFF", "REGISTERING", "REGISTERED", "FAILED"] as const });
const TrunkProblemEnum = builder.enumType("TrunkProblem", { values: ["AUTH_REFUSED"] as const, description: "AUTH_REFUSED: the provider refused the user name or password." });
const CodecEnum = builder.enumType("Codec", { values: ["PCMA", "PCMU"] as const });

const PhoneNumber = builder.prismaObject("EntryPoint", {
  variant: "PhoneNumber",
  authScopes: { permission: "telephony.manage" },
  fields: (t) => ({
    id: t.exposeID("id"),
    number: t.exposeString("key", { description: "E.164, e.g. +48221234567." }),
    name: t.exposeString("name"),
    active: t.exposeBoolean("active"),
    trunk: t.relation("trunk", { nullable: true }),
    queue: t.relation("queue"),
    ivrFlow: t.relation("ivrFlow", { nullable: true, description: "What callers meet first; none: the queue at once." }),
    fax: t.exposeBoolean("fax", { description: "A fax number: the fax modem answers, and each fax becomes a case on the queue." }),
    faxDetect: t.exposeBoolean("faxDetect", {
      description: "A voice number that listens for fax machines (in its IVR flow or queue): one heard is answered by the fax modem on the call.",
    }),
  }),
});

builder.prismaObject("SipTrunk", {
  authScopes: { permission: "telephony.manage" },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    host: t.exposeString("host", { description: "The provider's SIP domain or registrar: host or host:port." }),
    proxy: t.exposeString("proxy", { description: "Outbound proxy (host or host:port); empty: straight to host." }),
    username: t.exposeString("username"),
    authUser: t.exposeString("authUser", { description: "The user name to authenticate as, when it differs from username." }),
    hasSecret: t.boolean({ description: "A password is stored (it is never returned).", select: { secret: true }, resolve: (tr) => tr.secret !== "" }),
    register: t.exposeBoolean("register"),
    callerIds: t.exposeStringList("callerIds", { description: "Numbers (E.164) agents may show; the first is the default." }),
    codecs: t.field({ type: [CodecEnum], select: { codecs: true }, resolve: (tr) => tr.codecs.filter((c): c is "PCMA" | "PCMU" => c === "PCMA" || c === "PCMU") }),
    maxCalls: t.exposeInt("maxCalls"),
    callsPerMinute: t.exposeInt("callsPerMinute"),
    callerIdInFrom: t.exposeBoolean("callerIdInFrom", { description: "Calls out show the caller ID in From as well as in P-Asserted-Identity." }),
    allowedSources: t.exposeStringList("allowedSources", {
      description: "IPs or CIDRs that may send calls besides the registrar's and proxy's own addresses; other senders get 403.",
    }),
    active: t.exposeBoolean("active"),
    status: t.expose("status", { type: TrunkStatusEnum }),
    statusDetail: t.exposeString("statusDetail", { description: "Why it is not registered, in the provider's words." }),
    statusProblem: t.field({
      type: TrunkProblemEnum,
      nullable: true,
      description: "What statusDetail means, when it is known (for a message in the admin's language).",
      select: { statusDetail: true },
      resolve: (tr) => trunkProblemOf(tr.statusDetail),
    }),
    statusAt: t.expose("statusAt", { type: "DateTime", nullable: true }),
    numbers: t.relation("numbers", { type: PhoneNumber, query: { where: { kind: "PHONE" }, orderBy: { key: "asc" } } }),
  }),
});

const OutboundCallRules = builder.objectRef<OutboundRules>("OutboundCallRules").implement({
  description: "Toll-fraud rules for calls agents place.",
  fields: (t) => ({
    allowedPrefixes: t.exposeStringList("allowedPrefixes", { description: "E.164 prefixes that may be called; empty: no calls out." }),
    blockedPrefixes: t.exposeStringList("blockedPrefixes", { description: "Never called, even inside an allowed prefix." }),
    hours: t.field({ type: "JSON", nullable: true, description: "Weekly schedule on the organisation's clock ({enabled, days, holidays}); null: any time.", resolve: (r) => r.hours }),
    perAgentPerHour: t.exposeInt("perAgentPerHour"),
  }),
});

builder.prismaObject("BlockedNumber", {
  // Agents who may only add see the block they just made (the list itself is for managers).
  authScopes: { anyPermission: ["blocklist.manage", "blocklist.add"] },
  fields: (t) => ({
    id: t.exposeID("id"),
    number: t.exposeString("number"),
    reason: t.exposeString("reason"),
    dids: t.exposeStringList("dids", { description: "Only calls to these of our numbers; empty: all." }),
    message: t.exposeString("message", { description: "Said to the caller before hanging up; empty: refused outright (603)." }),
    until: t.expose("until", { type: "DateTime", nullable: true, description: "Blocked until then; null: until removed." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    createdBy: t.field({
      type: "String",
      nullable: true,
      select: { createdById: true },
      resolve: async (b, _a, ctx) => (b.createdById ? ((await userName(ctx, b.createdById)) ?? null) : null),
    }),
  }),
});

builder.queryFields((t) => ({
  sipTrunks: t.prismaField({
    type: ["SipTrunk"],
    authScopes: { permission: "telephony.manage" },
    resolve: (query, _r, _a, ctx) => ctx.app.db.prisma.sipTrunk.findMany({ ...query, where: { organizationId: viewerOf(ctx).organizationId }, orderBy: { name: "asc" } }),
  }),
  telephonyAlarms: t.prismaField({
    type: ["SipTrunk"],
    description: "Active trunks that should be registered and are not (FAILED), with the provider's reason.",
    authScopes: { permission: "telephony.manage" },
    resolve: (query, _r, _a, ctx) => telephonyAlarms(viewerOf(ctx), ctx.app.deps, query),
  }),
  phoneNumbers: t.prismaField({
    type: [PhoneNumber],
    authScopes: { permission: "telephony.manage" },
    resolve: (query, _r, _a, ctx) =>
      ctx.app.db.prisma.entryPoint.findMany({ ...query, where: { organizationId: viewerOf(ctx).organizationId, kind: "PHONE" }, orderBy: { key: "asc" } }),
  }),
  telephonyQueues: t.prismaField({
    type: ["Queue"],
    description: "The queues a number can send its calls to (those that take calls, or faxes for a fax number: see channels).",
    authScopes: { permission: "telephony.manage" },
    resolve: (query, _r, _a, ctx) =>
      ctx.app.db.prisma.queue.findMany({ ...query, where: { organizationId: viewerOf(ctx).organizationId, channels: { hasSome: ["VOICE", "FAX"] } }, orderBy: { name: "asc" } }),
  }),
  outboundCallRules: t.field({
    type: OutboundCallRules,
    authScopes: { permission: "telephony.manage" },
    resolve: async (_r, _a, ctx) => {
      const org = await ctx.app.db.prisma.organization.findUniqueOrThrow({ where: { id: viewerOf(ctx).organizationId }, select: { outboundCalls: true, timezone: true } });
      return readOutboundRules(org.outboundCalls, org.timezone);
    },
  }),
  blockedNumbers: t.prismaField({
    type: ["BlockedNumber"],
    description: "Numbers blocked now (temporary blocks that ran out are left out), newest first.",
    authScopes: { permission: "blocklist.manage" },
    resolve: (query, _r, _a, ctx) =>
      ctx.app.db.prisma.blockedNumber.findMany({ ...query, where: activeBlocksWhere(viewerOf(ctx).organizationId, ctx.app.deps.now()), orderBy: { createdAt: "desc" } }),
  }),
}));

const SipTrunkInput = builder.inputType("SipTrunkInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    host: t.string({ required: true, description: "host or host:port, no sip:" }),
    proxy: t.string({ required: false }),
    username: t.string({ required: true }),
    authUser: t.string({ required: false }),
    secret: t.string({ required: false, description: "Empty or left out: keep the stored one." }),
    register: t.boolean({ required: true }),
    callerIds: t.stringList({ required: false, description: "Numbers with country codes, as typed; normalised to E.164." }),
    codecs: t.field({ type: [CodecEnum], required: true }),
    maxCalls: t.int({ required: true }),
    callsPerMinute: t.int({ required: true }),
    callerIdInFrom: t.boolean({ required: false, description: "Left out: true." }),
    allowedSources: t.stringList({ required: false, description: "IPs or CIDRs (192.0.2.0/24) calls may also come from; left out: none." }),
    active: t.boolean({ required: true }),
  }),
});
const PhoneNumberInput = builder.inputType("PhoneNumberInput", {
  fields: (t) => ({
    number: t.string({ required: true, description: "With its country code; spaces and a leading 00 are fine." }),
    name: t.string({ required: false, description: "Empty: the number itself." }),
    trunkId: t.id({ required: true }),
    queueId: t.id({ required: true }),
    ivrFlowId: t.id({ required: false, description: "An IVR flow callers meet first; empty: straight to the queue." }),
    active: t.boolean({ required: true }),
    fax: t.boolean({ required: false, description: "A fax number (its queue must take faxes); left out: false." }),
    faxDetect: t.boolean({ required: false, description: "Listen for fax machines for the first seconds of a call, in the number's IVR flow or its queue; left out: false." }),
  }),
});
const OutboundCallRulesInput = builder.inputType("OutboundCallRulesInput", {
  fields: (t) => ({
    allowedPrefixes: t.stringList({ required: true, description: "E.164 prefixes (+48, +4822); empty: no calls out." }),
    blockedPrefixes: t.stringList({ required: true }),
    hours: t.field({ type: "JSON", required: false, description: "{enabled, days, holidays} as for chat widgets; null: any time." }),
    perAgentPerHour: t.int({ required: true }),
  }),
});
const BlockNumberInput = builder.inputType("BlockNumberInput", {
  fields: (t) => ({
    number: t.string({ required: true }),
    reason: t.string({ required: false }),
    hours: t.int({ required: false, description: "Blocked for this many hours; left out: until removed." }),
    dids: t.stringList({ required: false, description: "Only calls to these of our numbers; empty or left out: all." }),
    message: t.string({ required: false, description: "Said to the caller before hanging up; empty: refused outright." }),
  }),
});

const optionalId = { required: false, validate: z.uuid().nullish() } as const;
const requiredId = { required: true, validate: z.uuid() } as const;
const idOrEmpty = (id: string | number) => (z.uuid().safeParse(String(id)).success ? String(id) : "");

builder.mutationFields((t) => ({
  saveSipTrunk: t.prismaField({
    type: "SipTrunk",
    authScopes: { permission: "telephony.manage" },
    args: { id: t.arg.id(optionalId), input: t.arg({ type: SipTrunkInput, required: true }) },
    resolve: async (query, _r, { id, input }, ctx) => {
      const trunk = await saveSipTrunk(
        viewerOf(ctx),
        id ? String(id) : null,
        { ...input, proxy: input.proxy ?? "", authUser: input.authUser ?? "", secret: input.secret ?? "", callerIds: input.callerIds ?? [], allowedSources: input.allowedSources ?? [], callerIdInFrom: input.callerIdInFrom ?? true },
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.sipTrunk.findUniqueOrThrow({ ...query, where: { id: trunk.id } });
    },
  }),
  deleteSipTrunk: t.boolean({
    description: "Refused (CONFLICT, reason TRUNK_HAS_NUMBERS) while numbers are on it.",
    authScopes: { permission: "telephony.manage" },
    args: { id: t.arg.id(requiredId) },
    resolve: async (_r, { id }, ctx) => {
      await deleteSipTrunk(viewerOf(ctx), String(id), ctx.app.deps, ctx.ip);
      return true;
    },
  }),
  savePhoneNumber: t.prismaField({
    type: PhoneNumber,
    authScopes: { permission: "telephony.manage" },
    args: { id: t.arg.id(optionalId), input: t.arg({ type: PhoneNumberInput, required: true }) },
    resolve: async (query, _r, { id, input }, ctx) => {
      const ep = await savePhoneNumber(
        viewerOf(ctx),
        id ? String(id) : null,
        { ...input, name: input.name ?? "", trunkId: idOrEmpty(input.trunkId), queueId: idOrEmpty(input.queueId), ivrFlowId: input.ivrFlowId ? String(input.ivrFlowId) : null, fax: input.fax ?? false, faxDetect: input.faxDetect ?? false },
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.entryPoint.findUniqueOrThrow({ ...query, where: { id: ep.id } });
    },
  }),
  deletePhoneNumber: t.boolean({
    authScopes: { permission: "telephony.manage" },
    args: { id: t.arg.id(requiredId) },
    resolve: async (_r, { id }, ctx) => {
      await deletePhoneNumber(viewerOf(ctx), String(id), ctx.app.deps, ctx.ip);
      return true;
    },
  }),
  saveOutboundCallRules: t.field({
    type: OutboundCallRules,
    authScopes: { permission: "telephony.manage" },
    args: { input: t.arg({ type: OutboundCallRulesInput, required: true }) },
    resolve: (_r, { input }, ctx) => saveOutboundRules(viewerOf(ctx), { ...input, hours: (input.hours ?? null) as never }, ctx.app.deps, ctx.ip),
  }),
  blockNumber: t.prismaField({
    type: "BlockedNumber",
    description: "Blocks a number (again: replaces its reason and end — for those who manage the list; agents who may only add cannot change a block).",
    authScopes: { anyPermission: ["blocklist.manage", "blocklist.add"] },
    args: { input: t.arg({ type: BlockNumberInput, required: true }) },
    resolve: async (query, _r, { input }, ctx) => {
      const row = await blockNumber(
        viewerOf(ctx),
        { number: input.number, reason: input.reason ?? "", hours: input.hours ?? null, dids: input.dids ?? [], message: input.message ?? "" },
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.blockedNumber.findUniqueOrThrow({ ...query, where: { id: row.id } });
    },
  }),
  unblockNumber: t.boolean({
    authScopes: { permission: "blocklist.manage" },
    args: { id: t.arg.id(requiredId) },
    resolve: async (_r, { id }, ctx) => {
      await unblockNumber(viewerOf(ctx), String(id), ctx.app.deps, ctx.ip);
      return true;
    },
  }),
}));
