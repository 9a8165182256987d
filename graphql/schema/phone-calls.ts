// Calling out over the telephone network: the lines an agent may call from, dialling a number
// (checked against the organisation's toll-fraud rules, each refusal explained), and sending keys
// to the far end (another company's menu).
import { z } from "zod";
import { consultNumber } from "../../domain/phone/consult-number.ts";
import { dialOut } from "../../domain/phone/dial-out.ts";
import { phoneDigit } from "../../domain/phone/phone-call-events.ts";
import { requestExternalTransfer } from "../../domain/phone/transfer-to-number.ts";
import { DomainError } from "../../domain/shared/errors.ts";
import { livePartyOf } from "../../domain/voice/calls.ts";
import { requirePhone } from "../../domain/voice/require-voice.ts";
import { builder } from "../builder.ts";
import { viewerOf } from "./helpers.ts";

const OutboundLine = builder.objectRef<{ id: string; name: string; callerIds: string[]; status: string }>("OutboundLine").implement({
  description: "A trunk agents may call out on, and the caller IDs they may show.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    callerIds: t.exposeStringList("callerIds"),
    status: t.exposeString("status", { description: "The trunk's registration: OFF, REGISTERING, REGISTERED or FAILED." }),
  }),
});

const DialInput = builder.inputType("DialInput", {
  fields: (t) => ({
    number: t.string({ required: true, validate: z.string().trim().min(1).max(40) }),
    callerId: t.string({ required: false, validate: z.string().max(40) }),
    trunkId: t.id({ required: false, validate: z.uuid() }),
    caseId: t.id({ required: false, validate: z.uuid() }),
    contactId: t.id({ required: false, validate: z.uuid() }),
  }),
});

builder.queryFields((t) => ({
  outboundLines: t.field({
    type: [OutboundLine],
    description: "Trunks you may call out on (active ones), with their caller IDs.",
    authScopes: { permission: "calls.dial_out" },
    resolve: async (_r, _a, ctx) =>
      ctx.app.db.prisma.sipTrunk.findMany({
        where: { organizationId: viewerOf(ctx).organizationId, active: true },
        select: { id: true, name: true, callerIds: true, status: true },
        orderBy: { createdAt: "asc" },
      }),
  }),
}));

builder.mutationFields((t) => ({
  dialNumber: t.prismaField({
    type: "Call",
    description: "Call a telephone number; refused (CONFLICT with a reason and an explanation) when the organisation's rules forbid it.",
    authScopes: { permission: "calls.dial_out" },
    args: { input: t.arg({ type: DialInput, required: true }) },
    resolve: async (query, _r, { input }, ctx) => {
      requirePhone(ctx.app.callMedia);
      const call = await dialOut(
        viewerOf(ctx),
        {
          number: input.number,
          callerId: input.callerId,
          trunkId: input.trunkId ? String(input.trunkId) : null,
          caseId: input.caseId ? String(input.caseId) : null,
          contactId: input.contactId ? String(input.contactId) : null,
        },
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.call.findUniqueOrThrow({ ...query, where: { id: call.id } });
    },
  }),
  transferCallToNumber: t.boolean({
    description:
      "Hand the caller on your phone call to an outside number (a blind transfer: the provider connects them, by SIP REFER). The organisation's rules for calls out apply; if the provider refuses, you keep the caller.",
    authScopes: { permission: "calls.dial_out" },
    args: { callId: t.arg.id({ required: true, validate: z.uuid() }), number: t.arg.string({ required: true, validate: z.string().trim().min(1).max(40) }) },
    resolve: async (_r, args, ctx) => {
      const media = requirePhone(ctx.app.callMedia);
      const number = await requestExternalTransfer(viewerOf(ctx), String(args.callId), args.number, ctx.app.deps, ctx.ip);
      await media.transferToNumber(String(args.callId), number);
      return true;
    },
  }),
  consultNumber: t.boolean({
    description:
      "Put the customer on hold and ring an outside number into the call (to consult, conference or hand over). The organisation's rules for calls out apply; `trunkId` picks the line (by default the call's), `callerId` one of its numbers (by default the one the customer rang).",
    authScopes: { permission: "calls.dial_out" },
    args: {
      callId: t.arg.id({ required: true, validate: z.uuid() }),
      number: t.arg.string({ required: true, validate: z.string().trim().min(1).max(40) }),
      callerId: t.arg.string({ required: false, validate: z.string().max(40) }),
      trunkId: t.arg.id({ required: false, validate: z.uuid() }),
    },
    resolve: async (_r, args, ctx) => {
      requirePhone(ctx.app.callMedia);
      const input = { number: args.number, callerId: args.callerId, trunkId: args.trunkId ? String(args.trunkId) : null };
      await consultNumber(viewerOf(ctx), String(args.callId), input, ctx.app.deps, ctx.ip);
      return true;
    },
  }),
  sendCallDigits: t.boolean({
    description: "Send keys (0-9, *, #, A-D) to the telephone on your call, e.g. to work another company's menu.",
    authScopes: { permission: "agents.work" },
    args: {
      callId: t.arg.id({ required: true, validate: z.uuid() }),
      digits: t.arg.string({ required: true, validate: z.string().regex(/^[0-9*#A-Da-d]{1,32}$/) }),
    },
    resolve: async (_r, args, ctx) => {
      const callId = String(args.callId);
      const { call, party } = await livePartyOf(viewerOf(ctx), callId, ctx.app.db.prisma);
      if (party.role === "MONITOR") throw new DomainError("FORBIDDEN", "Only the people talking on the call can send keys");
      // While consulting an outside number the keys go to it (its menu), not to the waiting customer.
      const consulted = call.parties.find((p) => p.role === "CONSULTED" && p.phone && !p.leftAt);
      await ctx.app.callMedia.sendDigits(callId, args.digits.toUpperCase(), consulted?.id);
      for (const d of args.digits.toUpperCase()) await phoneDigit(callId, d, "AGENT", ctx.app.deps);
      return true;
    },
  }),
}));
