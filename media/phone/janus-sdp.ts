// SDP between a mediasoup WebRtcTransport (ICE-lite, DTLS) and the Janus SIP plugin (full ICE):
// one bundled, rtcp-muxed audio m-line. What we send Janus is one Consumer (the phone mix); what
// Janus sends us is identified by its a=ssrc (Janus offers no mid/rid header extensions).
import sdpTransform from "sdp-transform";
import type { types } from "mediasoup";

export interface SdpCodec {
  payloadType: number;
  mimeType: string;
  clockRate: number;
  fmtp?: string;
}

export interface JanusSdp {
  mid: string;
  codecs: SdpCodec[];
  ssrc?: number;
  cname?: string;
  fingerprint?: { algorithm: string; value: string };
  setup?: string;
}

type SdpTransport = Pick<types.WebRtcTransport, "iceParameters" | "iceCandidates" | "dtlsParameters">;

function mediaSection(t: SdpTransport, send: { ssrc: number; cname: string } | null, codecs: SdpCodec[], mid: string, setup: string) {
  const fp = t.dtlsParameters.fingerprints.find((f) => f.algorithm === "sha-256");
  if (!fp) throw new Error("the media engine offered no sha-256 fingerprint");
  const first = t.iceCandidates[0];
  const m: sdpTransform.MediaDescription = {
    type: "audio",
    port: first.port,
    protocol: "UDP/TLS/RTP/SAVPF",
    payloads: codecs.map((c) => c.payloadType).join(" "),
    connection: { version: 4, ip: first.address! },
    mid,
    direction: send ? "sendrecv" : "recvonly",
    rtcpMux: "rtcp-mux",
    iceUfrag: t.iceParameters.usernameFragment,
    icePwd: t.iceParameters.password,
    candidates: t.iceCandidates.map((c) => ({
      foundation: c.foundation,
      component: 1,
      transport: c.protocol,
      priority: c.priority,
      ip: c.address!,
      port: c.port,
      type: c.type,
    })),
    endOfCandidates: "end-of-candidates",
    fingerprint: { type: "sha-256", hash: fp.value },
    setup,
    rtp: codecs.map((c) => ({ payload: c.payloadType, codec: c.mimeType.split("/")[1], rate: c.clockRate })),
    fmtp: codecs.filter((c) => c.fmtp).map((c) => ({ payload: c.payloadType, config: c.fmtp! })),
    ptime: 20,
  };
  if (send) m.ssrcs = [{ id: send.ssrc, attribute: "cname", value: send.cname }];
  return m;
}

// Janus's SIP plugin copies the attributes of our SDP it does not handle itself onto the SDP it
// sends the provider, so ours carries none a plain RTP line has no use for: no a=ice-lite (Janus
// ignores it anyway: it is controlling when it answers, and mediasoup answers checks as ICE-lite
// whatever the SDP says), no a=mid, BUNDLE group or msid-semantic (one m-line: nothing to bundle).
function session(media: sdpTransform.MediaDescription): string {
  const { mid: _mid, ...plain } = media;
  return sdpTransform.write({
    version: 0,
    origin: { username: "centrala", sessionId: String(Date.now()), sessionVersion: 1, netType: "IN", ipVer: 4, address: "127.0.0.1" },
    name: "-",
    timing: { start: 0, stop: 0 },
    media: [plain],
  } as sdpTransform.SessionDescription);
}

/** Our offer, for a call we place: Janus (answering) picks DTLS client, so we are the server. */
export function buildOffer(t: SdpTransport, send: { ssrc: number; cname: string }, codecs: SdpCodec[]): string {
  return session(mediaSection(t, send, codecs, "0", "actpass"));
}

/** Our answer to Janus's offer (a call coming in): its mid, the codecs we take, our DTLS role. */
export function buildAnswer(t: SdpTransport, send: { ssrc: number; cname: string }, codecs: SdpCodec[], mid: string, localDtlsRole: "client" | "server"): string {
  return session(mediaSection(t, send, codecs, mid, localDtlsRole === "client" ? "active" : "passive"));
}

/** What the media engine needs out of Janus's SDP (offer or answer). */
export function parseJanusSdp(sdp: string): JanusSdp {
  const s = sdpTransform.parse(sdp);
  const m = s.media.find((x) => x.type === "audio" && x.port !== 0);
  if (!m) throw new Error("Janus's SDP has no audio");
  const fpr = m.fingerprint ?? s.fingerprint;
  const codecs = (m.rtp ?? []).map((r) => ({
    payloadType: r.payload,
    mimeType: `audio/${r.codec}`,
    clockRate: r.rate ?? 8000,
    fmtp: (m.fmtp ?? []).find((f) => f.payload === r.payload)?.config,
  }));
  const ssrcLine = (m.ssrcs ?? []).find((x) => x.attribute === "cname") ?? (m.ssrcs ?? [])[0];
  return {
    mid: String(m.mid ?? "0"),
    codecs,
    ssrc: ssrcLine ? Number(ssrcLine.id) : undefined,
    cname: ssrcLine?.attribute === "cname" ? ssrcLine.value : undefined,
    fingerprint: fpr ? { algorithm: fpr.type.toLowerCase(), value: fpr.hash } : undefined,
    setup: m.setup ?? (s as { setup?: string }).setup,
  };
}

/** transport.connect() takes the REMOTE side's DTLS role: a=setup:active means it is the client. */
export function remoteDtlsRole(setup: string | undefined): "client" | "server" {
  if (setup === "active") return "client";
  if (setup === "passive") return "server";
  throw new Error(`unexpected a=setup:${setup} from Janus`);
}

/** The telephone codecs we carry, by name. */
export const G711 = ["audio/PCMA", "audio/PCMU"] as const;
export type G711Codec = (typeof G711)[number];

/** The first G.711 codec in the SDP (the trunk's choice), and its telephone-event payload type. */
export function pickCodec(j: JanusSdp): { media: SdpCodec; dtmf: SdpCodec | null } {
  const media = j.codecs.find((c) => G711.some((g) => g.toLowerCase() === c.mimeType.toLowerCase()));
  if (!media) throw new Error(`the trunk offered no codec we carry (${j.codecs.map((c) => c.mimeType).join(", ") || "none"}); PCMA or PCMU is needed`);
  const dtmf = j.codecs.find((c) => c.mimeType.toLowerCase() === "audio/telephone-event" && c.clockRate === 8000) ?? null;
  return { media, dtmf };
}
