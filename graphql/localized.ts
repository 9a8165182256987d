// The fields of things admins name in several languages (pause reasons, dispositions, case
// statuses): `name` in the viewer's language, `defaultName` and `translations` for editing.
import { localizedName, readTranslations } from "../domain/shared/localized-name.ts";
import type { GraphQLContext } from "./context.ts";

export const viewerName = (row: { name: string; translations: unknown }, ctx: GraphQLContext) => localizedName(row.name, row.translations, ctx.viewer?.locale ?? "en");
export const translationsOf = (row: { translations: unknown }) => readTranslations(row.translations);
