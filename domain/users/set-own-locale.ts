import type { Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { fieldError } from "../shared/errors.ts";
import { type Locale, isLocale } from "../shared/locale.ts";

export async function setOwnLocale(viewer: Viewer, locale: Locale, deps: Deps) {
  if (!isLocale(locale)) throw fieldError("locale", "invalid_value", "unsupported language");
  const user = await deps.db.user.update({ where: { id: viewer.userId }, data: { locale } });
  deps.events.publish("user.updated", { organizationId: viewer.organizationId, userId: viewer.userId });
  return user;
}
