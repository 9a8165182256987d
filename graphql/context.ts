import type { Viewer } from "../domain/access/viewer.ts";
import type { AppServices } from "../lib/services.ts";

export interface GraphQLContext {
  app: AppServices;
  viewer: Viewer | null;
  ip?: string;
  /**
   * The viewer as of now (session still valid, user still active, current permissions).
   * Subscriptions call it on every event, so a revoked right stops the stream at once.
   */
  currentViewer(): Promise<Viewer | null>;
}
