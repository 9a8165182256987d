import { z } from "zod";
import { setUserActive } from "../../domain/users/set-user-active.ts";
import { createUser } from "../../domain/users/create-user.ts";
import { resetUserPassword } from "../../domain/users/passwords.ts";
import { updateUser } from "../../domain/users/update-user.ts";
import { builder } from "../builder.ts";
import type { GraphQLContext } from "../context.ts";
import { effectiveCapacity } from "../../domain/routing/capacity.ts";
import { Capacity, CapacityInput, toCapacity } from "./configuration.ts";
import { LocaleEnum } from "./enums.ts";
import { viewerOf } from "./helpers.ts";

const READ_USERS = ["users.read", "users.manage"] as const;
const selfOr = (user: { id: string }, _args: unknown, ctx: GraphQLContext) => user.id === ctx.viewer?.userId || { anyPermission: [...READ_USERS] };

builder.prismaObject("User", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    username: t.exposeString("username"),
    name: t.exposeString("name"),
    email: t.exposeString("email", { authScopes: selfOr }),
    locale: t.expose("locale", { type: LocaleEnum }),
    emailSignature: t.exposeString("emailSignature", { authScopes: selfOr, description: "Under their e-mails, above the queue's signature." }),
    desktopNotifications: t.exposeBoolean("desktopNotifications", { authScopes: selfOr, description: "Offered work raises a browser notification too." }),
    active: t.exposeBoolean("active"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    deactivatedAt: t.expose("deactivatedAt", { type: "DateTime", nullable: true }),
    role: t.relation("role", { authScopes: selfOr }),
    teams: t.relation("teamMemberships", { authScopes: selfOr }),
    queues: t.relation("queueMemberships", { authScopes: selfOr }),
    capacity: t.field({
      type: Capacity,
      nullable: true,
      description: "Own capacity per channel, when it differs from the organisation's default.",
      authScopes: selfOr,
      resolve: (u) => (u.capacity ? effectiveCapacity({}, u.capacity) : null),
    }),
  }),
});

const UserInputFields = builder
  .inputRef<{
    username: string;
    name: string;
    email: string;
    roleId: string;
    locale: "pl" | "en" | "ru";
    teamIds?: string[] | null;
    capacity?: { voice: number; chat: number; email: number; sms: number; fax: number } | null;
  }>("UserInput")
  .implement({
    fields: (t) => ({
      username: t.string({ required: true }),
      name: t.string({ required: true }),
      email: t.string({ required: true }),
      roleId: t.id({ required: true }),
      locale: t.field({ type: LocaleEnum, required: true }),
      teamIds: t.idList({ required: false }),
      capacity: t.field({ type: CapacityInput, required: false, description: "Own capacity per channel; null to use the organisation's default." }),
    }),
  });

builder.queryFields((t) => ({
  users: t.prismaField({
    type: ["User"],
    authScopes: { anyPermission: [...READ_USERS] },
    args: {
      search: t.arg.string({ required: false, validate: z.string().max(100) }),
      includeInactive: t.arg.boolean({ required: false }),
    },
    resolve: (query, _root, args, ctx) => {
      const q = args.search?.trim();
      return ctx.app.db.prisma.user.findMany({
        ...query,
        where: {
          organizationId: viewerOf(ctx).organizationId,
          ...(args.includeInactive ? {} : { active: true }),
          ...(q ? { OR: ["name", "username", "email"].map((f) => ({ [f]: { contains: q, mode: "insensitive" as const } })) } : {}),
        },
        orderBy: [{ active: "desc" }, { name: "asc" }],
        take: 1000,
      });
    },
  }),
  user: t.prismaField({
    type: "User",
    nullable: true,
    authScopes: { anyPermission: [...READ_USERS] },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: (query, _root, args, ctx) =>
      ctx.app.db.prisma.user.findFirst({ ...query, where: { id: String(args.id), organizationId: viewerOf(ctx).organizationId } }),
  }),
}));

builder.mutationFields((t) => ({
  createUser: t.prismaField({
    type: "User",
    authScopes: { permission: "users.manage" },
    args: { input: t.arg({ type: UserInputFields, required: true }), password: t.arg.string({ required: true }) },
    resolve: async (query, _root, { input, password }, ctx) => {
      const user = await createUser(
        viewerOf(ctx),
        { ...input, teamIds: input.teamIds ?? [], capacity: input.capacity ? toCapacity(input.capacity) : null, password },
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.user.findUniqueOrThrow({ ...query, where: { id: user.id } });
    },
  }),
  updateUser: t.prismaField({
    type: "User",
    authScopes: { permission: "users.manage" },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UserInputFields, required: true }) },
    resolve: async (query, _root, { id, input }, ctx) => {
      const user = await updateUser(
        viewerOf(ctx),
        { ...input, teamIds: input.teamIds ?? [], capacity: input.capacity ? toCapacity(input.capacity) : null, id: String(id) },
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.user.findUniqueOrThrow({ ...query, where: { id: user.id } });
    },
  }),
  setUserActive: t.prismaField({
    type: "User",
    description: "Deactivate (signs the user out everywhere, keeps their history) or reactivate a user.",
    authScopes: { permission: "users.manage" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }), active: t.arg.boolean({ required: true }) },
    resolve: async (query, _root, { id, active }, ctx) => {
      const user = await setUserActive(viewerOf(ctx), String(id), active, ctx.app.deps, ctx.ip);
      return ctx.app.db.prisma.user.findUniqueOrThrow({ ...query, where: { id: user.id } });
    },
  }),
  resetUserPassword: t.boolean({
    description: "Set a new password for a user; their sessions end.",
    authScopes: { permission: "users.manage" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }), newPassword: t.arg.string({ required: true }) },
    resolve: async (_root, { id, newPassword }, ctx) => {
      await resetUserPassword(viewerOf(ctx), String(id), newPassword, ctx.app.deps, ctx.ip);
      return true;
    },
  }),
}));
