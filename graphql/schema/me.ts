import { changeOwnPassword } from "../../domain/users/passwords.ts";
import { setOwnLocale } from "../../domain/users/set-own-locale.ts";
import { setOwnDesktopNotifications } from "../../domain/users/set-own-notifications.ts";
import { setOwnEmailSignature } from "../../domain/users/set-own-signature.ts";
import { builder } from "../builder.ts";
import { LocaleEnum } from "./enums.ts";
import { viewerOf } from "./helpers.ts";

builder.prismaObject("Organization", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    timezone: t.exposeString("timezone"),
    locale: t.expose("locale", { type: LocaleEnum }),
  }),
});

/** The signed-in user with what the UI needs to decide what to show. */
const Me = builder.objectRef<{ userId: string; organizationId: string; permissions: string[] }>("Me").implement({
  fields: (t) => ({
    user: t.prismaField({
      type: "User",
      resolve: (query, me, _args, ctx) => ctx.app.db.prisma.user.findUniqueOrThrow({ ...query, where: { id: me.userId } }),
    }),
    organization: t.prismaField({
      type: "Organization",
      resolve: (query, me, _args, ctx) => ctx.app.db.prisma.organization.findUniqueOrThrow({ ...query, where: { id: me.organizationId } }),
    }),
    permissions: t.exposeStringList("permissions"),
  }),
});

builder.queryField("me", (t) =>
  t.field({
    type: Me,
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => {
      const v = viewerOf(ctx);
      return { userId: v.userId, organizationId: v.organizationId, permissions: [...v.permissions].sort() };
    },
  }),
);

builder.mutationFields((t) => ({
  setMyLocale: t.prismaField({
    type: "User",
    authScopes: { authenticated: true },
    args: { locale: t.arg({ type: LocaleEnum, required: true }) },
    resolve: async (query, _root, { locale }, ctx) => {
      const user = await setOwnLocale(viewerOf(ctx), locale, ctx.app.deps);
      return ctx.app.db.prisma.user.findUniqueOrThrow({ ...query, where: { id: user.id } });
    },
  }),
  setMyEmailSignature: t.prismaField({
    type: "User",
    description: "Your own signature under e-mails (template variables allowed; empty: none).",
    authScopes: { authenticated: true },
    args: { emailSignature: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const user = await setOwnEmailSignature(viewerOf(ctx), args.emailSignature, ctx.app.deps);
      return ctx.app.db.prisma.user.findUniqueOrThrow({ ...query, where: { id: user.id } });
    },
  }),
  setMyDesktopNotifications: t.prismaField({
    type: "User",
    description: "Turn desktop notifications of offered work on or off for yourself.",
    authScopes: { authenticated: true },
    args: { on: t.arg.boolean({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const user = await setOwnDesktopNotifications(viewerOf(ctx), args.on, ctx.app.deps);
      return ctx.app.db.prisma.user.findUniqueOrThrow({ ...query, where: { id: user.id } });
    },
  }),
  changeMyPassword: t.boolean({
    description: "Change your own password; your other sessions end.",
    authScopes: { authenticated: true },
    args: { currentPassword: t.arg.string({ required: true }), newPassword: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      await changeOwnPassword(viewerOf(ctx), args.currentPassword, args.newPassword, ctx.app.config.auth.lockout, ctx.app.deps, ctx.ip);
      return true;
    },
  }),
}));
