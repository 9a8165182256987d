import { z } from "zod";
import { PERMISSIONS } from "../../domain/access/permissions.ts";
import { type RoleInput as RoleData, createRole, deleteRole, updateRole } from "../../domain/roles/save-role.ts";
import { builder } from "../builder.ts";
import { viewerOf } from "./helpers.ts";

builder.prismaObject("Role", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    key: t.exposeString("key", { nullable: true, description: "ADMIN, MANAGER, SUPERVISOR or AGENT for the built-in roles" }),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
    permissions: t.exposeStringList("permissions"),
    userCount: t.relationCount("users", { where: { active: true } }),
  }),
});

const RoleInput = builder.inputType("RoleInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string({ required: false }),
    permissions: t.stringList({ required: true }),
  }),
});

builder.queryFields((t) => ({
  roles: t.prismaField({
    type: ["Role"],
    authScopes: { anyPermission: ["roles.manage", "users.manage", "users.read"] },
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.role.findMany({ ...query, where: { organizationId: viewerOf(ctx).organizationId }, orderBy: { createdAt: "asc" } }),
  }),
  permissionCatalog: t.stringList({
    description: "Every permission a role can hold.",
    authScopes: { permission: "roles.manage" },
    resolve: () => [...PERMISSIONS],
  }),
}));

builder.mutationFields((t) => ({
  createRole: t.prismaField({
    type: "Role",
    authScopes: { permission: "roles.manage" },
    args: { input: t.arg({ type: RoleInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      // Permission names are checked against the catalogue by the use-case.
      const role = await createRole(viewerOf(ctx), { ...input, description: input.description ?? "" } as RoleData, ctx.app.deps, ctx.ip);
      return ctx.app.db.prisma.role.findUniqueOrThrow({ ...query, where: { id: role.id } });
    },
  }),
  updateRole: t.prismaField({
    type: "Role",
    authScopes: { permission: "roles.manage" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }), input: t.arg({ type: RoleInput, required: true }) },
    resolve: async (query, _root, { id, input }, ctx) => {
      await updateRole(viewerOf(ctx), String(id), { ...input, description: input.description ?? "" } as RoleData, ctx.app.deps, ctx.ip);
      return ctx.app.db.prisma.role.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
  deleteRole: t.boolean({
    authScopes: { permission: "roles.manage" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_root, { id }, ctx) => {
      await deleteRole(viewerOf(ctx), String(id), ctx.app.deps, ctx.ip);
      return true;
    },
  }),
}));
