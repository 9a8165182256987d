// A telephone putting its call on hold (or taking it off): a re-INVITE whose audio direction says
// it — a=sendonly (it plays its own music) or a=inactive holds; a=sendrecv resumes. Our answer
// mirrors the direction, as RFC 3264 asks.
import sdpTransform from "sdp-transform";

export type Direction = "sendrecv" | "sendonly" | "recvonly" | "inactive";
const DIRECTIONS = new Set<string>(["sendrecv", "sendonly", "recvonly", "inactive"]);

/** The audio direction an SDP offers (the m-line's, else the session's; sendrecv when unsaid). */
export function offeredDirection(sdp: string): Direction {
  const s = sdpTransform.parse(sdp);
  const audio = s.media.find((m) => m.type === "audio" && m.port !== 0);
  const d = audio?.direction ?? (s as { direction?: string }).direction;
  return d && DIRECTIONS.has(d) ? (d as Direction) : "sendrecv";
}

/** Whether the far end holds the call: it sends us nothing to answer to (or nothing at all). */
export const isHold = (offered: Direction) => offered === "sendonly" || offered === "inactive";

/** The direction that answers `offered`. */
export function answerDirection(offered: Direction): Direction {
  if (offered === "sendonly") return "recvonly";
  if (offered === "recvonly") return "sendonly";
  return offered;
}

/** `sdp` with its audio direction set to `d`. */
export function withDirection(sdp: string, d: Direction): string {
  return sdp.replace(/^a=(sendrecv|sendonly|recvonly|inactive)\r?$/gm, (line) => line.replace(/(sendrecv|sendonly|recvonly|inactive)/, d));
}
