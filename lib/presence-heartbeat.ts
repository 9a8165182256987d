// Each web node refreshes lastSeenAt for the agents whose browsers hold a WebSocket to it; the
// worker role's job agents.mark_disconnected_offline (lib/jobs/sweep-jobs.ts) sets agents OFFLINE
// whose browsers went silent.
import { touchConnectedAgents } from "../domain/agents/mark-disconnected-offline.ts";
import type { SocketTracker } from "../graphql/ws.ts";
import type { AppServices } from "./services.ts";

export function startHeartbeat(app: AppServices): SocketTracker & { stop(): void } {
  const sockets = new Map<object, string>();
  const everyMs = Math.max(5, Math.floor(app.config.presenceTimeoutSeconds / 3)) * 1000;
  const beat = () => touchConnectedAgents([...new Set(sockets.values())], app.deps).catch((err) => app.log.error({ err }, "presence heartbeat failed"));
  const timer = setInterval(beat, everyMs);
  timer.unref();
  return {
    connected(userId, socket) {
      sockets.set(socket, userId);
      void touchConnectedAgents([userId], app.deps).catch((err) => app.log.error({ err }, "presence heartbeat failed"));
    },
    disconnected(socket) {
      sockets.delete(socket);
    },
    stop: () => clearInterval(timer),
  };
}
