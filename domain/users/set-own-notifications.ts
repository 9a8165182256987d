import type { Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";

/** The user's own switch for desktop notifications of offered work. */
export async function setOwnDesktopNotifications(viewer: Viewer, on: boolean, deps: Deps) {
  const user = await deps.db.user.update({ where: { id: viewer.userId }, data: { desktopNotifications: on } });
  deps.events.publish("user.updated", { organizationId: viewer.organizationId, userId: viewer.userId });
  return user;
}
