import { z } from "zod";
import { deleteTeam, saveTeam } from "../../domain/teams/save-team.ts";
import { builder } from "../builder.ts";
import { viewerOf } from "./helpers.ts";

const SEE_MEMBERS = ["users.read", "users.manage", "teams.manage"] as const;

builder.prismaObject("Team", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
    members: t.relation("members", { authScopes: { anyPermission: [...SEE_MEMBERS] }, query: { orderBy: [{ lead: "desc" }, { createdAt: "asc" }] } }),
  }),
});

builder.prismaObject("TeamMember", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    team: t.relation("team"),
    user: t.relation("user"),
    lead: t.exposeBoolean("lead"),
  }),
});

const TeamInput = builder.inputType("TeamInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string({ required: false }),
    members: t.field({
      type: [builder.inputType("TeamMemberInput", { fields: (f) => ({ userId: f.id({ required: true }), lead: f.boolean({ required: true }) }) })],
      required: true,
    }),
  }),
});

builder.queryFields((t) => ({
  teams: t.prismaField({
    type: ["Team"],
    authScopes: { anyPermission: [...SEE_MEMBERS, "agents.monitor_team", "agents.monitor_all"] },
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.team.findMany({ ...query, where: { organizationId: viewerOf(ctx).organizationId }, orderBy: { name: "asc" } }),
  }),
}));

builder.mutationFields((t) => ({
  saveTeam: t.prismaField({
    type: "Team",
    description: "Create a team (no id) or replace an existing one's name, description and members.",
    authScopes: { permission: "teams.manage" },
    args: { id: t.arg.id({ required: false, validate: z.uuid().nullish() }), input: t.arg({ type: TeamInput, required: true }) },
    resolve: async (query, _root, { id, input }, ctx) => {
      const team = await saveTeam(
        viewerOf(ctx),
        id ? String(id) : null,
        { ...input, description: input.description ?? "", members: input.members.map((m) => ({ userId: String(m.userId), lead: m.lead })) },
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.team.findUniqueOrThrow({ ...query, where: { id: team.id } });
    },
  }),
  deleteTeam: t.boolean({
    authScopes: { permission: "teams.manage" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_root, { id }, ctx) => {
      await deleteTeam(viewerOf(ctx), String(id), ctx.app.deps, ctx.ip);
      return true;
    },
  }),
}));
