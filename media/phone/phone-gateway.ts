// The media role's link to Janus's SIP plugin: one janode session; for each trunk a registered
// "master" line and helper lines sharing its registration (one call per line, so a trunk carries
// as many calls at once as it has lines, up to its maximum); calls in and out; every SIP event
// of a call passed to the call's owner. Janus going away fails the calls it carried and
// registers the trunks again when it is back.
import { lookup } from "node:dns/promises";
import Janode, { type JanodeConnection, type JanodeSession } from "janode";
import type { Logger } from "pino";
import { hostOf, sourceAllowed } from "../../domain/phone/trunk-sources.ts";
import { registerRetryDelayMs } from "./register-retry.ts";
import { type SipEvent, SipLine, sipLineDescriptor } from "./sip-line.ts";

export interface TrunkConfig {
  id: string;
  host: string;
  proxy: string;
  username: string;
  authUser: string;
  secret: string;
  register: boolean;
  maxCalls: number;
  /** IPs and CIDRs that may send calls besides the registrar's and proxy's addresses. */
  allowedSources: string[];
  /** Calls out show the chosen caller ID in From too (phones show From), not only in P-Asserted-Identity. */
  callerIdInFrom: boolean;
}
export type TrunkState = "OFF" | "REGISTERING" | "REGISTERED" | "FAILED";

/** What happens on one call, as its owner hears it. */
export interface SipCallEvents {
  /** 180 Ringing. */
  ringing?(): void;
  /** 183 with SDP (early media), or the answer's SDP. */
  media?(sdp: string): void;
  /** 200 OK: the call is up. */
  accepted?(): void;
  /** The call is over: the SIP code and words (200 "BYE" for a normal hang-up). */
  ended(code: number, reason: string): void;
  /** A key sent as SIP INFO. */
  infoDigit?(digit: string): void;
  /** How a transfer we asked for (REFER) goes: the final SIP code the far end reports (NOTIFY). */
  transferResult?(code: number): void;
  /** A re-INVITE's offer (hold, resume, a session refresh): resolves with our answer. Calls whose
   * owner leaves this out have their re-INVITEs accepted by Janus as they come. */
  reoffer?(sdp: string): Promise<string>;
}

export interface IncomingCall {
  trunkId: string;
  sipCallId: string;
  from: string;
  to: string;
  displayName: string;
  offer: string | null;
  /** Answers with our SDP (our answer; our offer when `offer` is null, the caller's answer then
   * reaching `events.media`); events of the call from then on go to `events` — its `ended` at once
   * when the caller hung up (CANCEL) before the answer. */
  accept(sdp: string, events: SipCallEvents): Promise<void>;
  /** Refuses the call with `code` (nothing, when the caller has gone already). */
  decline(code: number): Promise<void>;
}

interface Line {
  handle: SipLine;
  busy: boolean;
  events: SipCallEvents | null;
  sipCallId: string | null;
  /** When its last call ended (0: never carried one): Janus may still hold it for a moment. */
  freedAt: number;
}
interface Trunk {
  config: TrunkConfig;
  master: Line | null;
  helpers: Line[];
  masterId: number | null;
  /** Lines placing a call as its caller ID (From), one per call, let go when it ends. */
  callers: Line[];
  state: TrunkState;
  retry: ReturnType<typeof setTimeout> | null;
  /** Registrations failed in a row (the retry's pause grows with them). */
  failures: number;
  /** Helper lines being made (they count toward the pool already). */
  pending: number;
  /** The registrar's and proxy's addresses, resolved at each (re)registration. */
  providerAddresses: string[];
}

const sipUser = (t: TrunkConfig) => `sip:${t.username}@${t.host}`;
/** The master line's REGISTER (or, for a trunk that does not register, its guest account). */
const registerRequest = (c: TrunkConfig) => ({
  request: "register",
  username: sipUser(c),
  ...(c.register ? { proxy: `sip:${c.host}` } : { type: "guest" }),
  ...(c.proxy ? { outbound_proxy: `sip:${c.proxy}` } : {}),
  secret: c.secret || "-",
  ...(c.authUser ? { authuser: c.authUser } : {}),
  display_name: "",
  register_ttl: 300,
});
// Idle lines kept ready for calls coming in: Janus answers 486 to an INVITE that finds no free
// line, and new lines come slower than a burst's INVITEs (each is a request through Janus's one
// SIP plugin thread, while the burst's calls keep this process busy). So the pool is made ahead:
// at least 16 idle lines or half the trunk's maximum, and as many idle as there are calls on it
// (it doubles as calls grow) — made several at a time, never beyond the maximum. A helper line
// is only a Janus handle sharing the master's SIP stack until it carries a call.
const IDLE_HELPERS = 16;
/** Idle lines a trunk keeps (within its maximum) while `busy` lines carry calls. */
const idleTarget = (maxCalls: number, busy: number) => Math.max(IDLE_HELPERS, Math.ceil(maxCalls / 2), busy);
// Janus keeps a line to itself for a second or so after its call ends or is refused (answering 486
// to an INVITE that finds only such lines), so a trunk whose lines were all in use would turn away
// the caller who rings just as another hangs up. Lines beyond the trunk's maximum cover that
// moment; the maximum itself is kept by counting live calls (domain/phone/inbound-call.ts).
/** Lines a trunk may hold in Janus: its maximum, and some that may be cooling down. */
const lineCeiling = (maxCalls: number) => maxCalls + Math.max(2, Math.ceil(maxCalls / 10));

export class PhoneGateway {
  private connection: JanodeConnection | null = null;
  private session: JanodeSession | null = null;
  private trunks = new Map<string, Trunk>();
  private wanted: TrunkConfig[] = [];
  private stopped = false;
  private connecting: Promise<void> | null = null;
  /** Why the gateway is down, if it is. */
  problem: string | null = "not connected yet";

  constructor(
    private readonly url: () => string,
    private readonly log: Logger,
    private readonly on: {
      status(trunkId: string, state: TrunkState, detail: string): void;
      incoming(call: IncomingCall): void;
      /** Where the INVITE with this Call-ID came from; unset: not known (an external Janus). */
      sourceOf?: (sipCallId: string) => Promise<string | null>;
    },
  ) {
    Janode.Logger.setLevel("none");
  }

  /** (Re)connects to Janus and registers the wanted trunks. Called when Janus (re)starts. */
  connect(): Promise<void> {
    this.connecting ??= this.open().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async open() {
    if (this.stopped) return;
    try {
      const connection = await Janode.connect({ address: { url: this.url() }, retry_time_secs: 1, max_retries: 5 });
      const session = await connection.create(20);
      this.connection = connection;
      this.session = session;
      this.problem = null;
      connection.once("connection_closed", () => this.lost(connection, "Janus closed the connection"));
      connection.once("connection_error", (err: Error) => this.lost(connection, `the connection to Janus failed: ${err.message}`));
      session.once("session_destroyed", () => this.lost(connection, "Janus ended our session"));
      this.log.info({ url: this.url() }, "phone gateway connected to Janus");
      await this.setTrunks(this.wanted);
    } catch (err) {
      this.problem = `Janus is not reachable: ${(err as Error).message}`;
      this.log.warn({ err }, "phone gateway: Janus not reachable");
    }
  }

  private lost(connection: JanodeConnection, why: string) {
    if (this.connection !== connection || this.stopped) return;
    this.log.error({ why }, "phone gateway lost Janus; its calls have failed");
    this.problem = why;
    this.connection = null;
    this.session = null;
    for (const t of this.trunks.values()) {
      if (t.retry) clearTimeout(t.retry);
      for (const line of [t.master, ...t.helpers, ...t.callers]) if (line?.events) line.events.ended(503, why);
      this.setState(t, t.config.register ? "FAILED" : "OFF", why);
    }
    this.trunks.clear();
  }

  get connected() {
    return !!this.session;
  }

  /** The trunks this gateway can place calls on now (registered, or not registering). */
  dialable(): string[] {
    if (!this.session) return [];
    return [...this.trunks.values()].filter((t) => !t.config.register || t.state === "REGISTERED").map((t) => t.config.id);
  }

  /** The trunks to keep registered; others are let go, changed ones registered again. */
  async setTrunks(configs: TrunkConfig[]) {
    this.wanted = configs;
    if (!this.session) return;
    for (const [id, t] of this.trunks) {
      const next = configs.find((c) => c.id === id);
      if (!next || JSON.stringify(next) !== JSON.stringify(t.config)) await this.drop(t);
    }
    for (const c of configs) if (!this.trunks.has(c.id)) await this.add(c);
  }

  private setState(t: Trunk, state: TrunkState, detail: string) {
    if (t.state === state && state !== "FAILED") return;
    t.state = state;
    this.on.status(t.config.id, state, detail);
  }

  private async add(config: TrunkConfig) {
    const t: Trunk = { config, master: null, helpers: [], masterId: null, state: "OFF", retry: null, failures: 0, providerAddresses: [], callers: [], pending: 0 };
    this.trunks.set(config.id, t);
    await this.registerMaster(t);
  }

  private async registerMaster(t: Trunk) {
    if (this.trunks.get(t.config.id) !== t || !this.session) return;
    const c = t.config;
    this.setState(t, c.register ? "REGISTERING" : "OFF", "");
    await this.resolveProvider(t);
    try {
      const line = await this.line(t);
      t.master = line;
      const registered = new Promise<number | null>((resolve, reject) => {
        line.handle.onSip = (e) => {
          if (e.event === "registered") resolve((e.result.master_id as number | undefined) ?? null);
          else if (e.event === "registration_failed") reject(new Error(`${e.result.code} ${e.result.reason}`));
          else this.lineEvent(t, line, e);
        };
      });
      await line.handle.request(registerRequest(c));
      t.masterId = await registered;
      line.handle.onSip = (e) => this.lineEvent(t, line, e);
      t.failures = 0;
      this.setState(t, c.register ? "REGISTERED" : "OFF", "");
      this.log.info({ trunk: c.id, host: c.host, registered: c.register }, "trunk ready");
      await this.topUpHelpers(t);
    } catch (err) {
      await this.release(t);
      this.registrationFailed(t, (err as Error).message);
    }
  }

  /** The registration was refused, unanswered or lost: FAILED (the admin's alarm) and another try
   * after a pause that grows with each failure in a row — for ever, until the provider answers. */
  private registrationFailed(t: Trunk, detail: string) {
    if (this.trunks.get(t.config.id) !== t) return;
    if (t.retry) clearTimeout(t.retry);
    const pause = registerRetryDelayMs(t.failures++);
    this.log.warn({ trunk: t.config.id, host: t.config.host, detail, failures: t.failures, retryInMs: pause }, "trunk registration failed; trying again");
    this.setState(t, "FAILED", detail);
    t.retry = setTimeout(() => void this.registerAgain(t), pause);
    t.retry.unref();
  }

  private async registerAgain(t: Trunk) {
    t.retry = null;
    if (this.trunks.get(t.config.id) !== t || !this.session) return;
    if (!t.master) return this.registerMaster(t);
    // The master line stays (its helpers share its registration and may carry calls): it sends
    // REGISTER again; the answer comes as its `registered` or `registration_failed` event.
    this.setState(t, "REGISTERING", "");
    try {
      await t.master.handle.request(registerRequest(t.config));
    } catch (err) {
      this.registrationFailed(t, (err as Error).message);
    }
  }

  private async line(t: Trunk): Promise<Line> {
    const handle = await this.session!.attach(sipLineDescriptor);
    const line: Line = { handle, busy: false, events: null, sipCallId: null, freedAt: 0 };
    handle.onSip = (e) => this.lineEvent(t, line, e);
    handle.onMediaHangup = (reason) => {
      if (line.events) this.log.debug({ trunk: t.config.id, reason }, "janus closed a call's media");
    };
    return line;
  }

  /** One more line sharing the master's registration. */
  private async addHelper(t: Trunk): Promise<Line> {
    const line = await this.line(t);
    t.helpers.push(line);
    await line.handle.request({ request: "register", type: "helper", username: sipUser(t.config), master_id: t.masterId, secret: t.config.secret || "-" });
    return line;
  }

  /** A line whose own SIP identity is the caller ID, for one call out: Janus writes a call's From
   * from its line's account (a helper's is the trunk login, and a From header we add is ignored),
   * so the call goes on a guest line (no REGISTER) named after the number, answering challenges
   * with the trunk's login and password. */
  private async callerLine(t: Trunk, callerId: string): Promise<Line> {
    const c = t.config;
    const line = await this.line(t);
    t.callers.push(line);
    try {
      await line.handle.request({
        request: "register",
        type: "guest",
        username: `sip:${callerId}@${c.host}`,
        authuser: c.authUser || c.username,
        secret: c.secret || "-",
        display_name: "",
        ...(c.proxy ? { outbound_proxy: `sip:${c.proxy}` } : {}),
      });
    } catch (err) {
      this.free(t, line);
      throw err;
    }
    return line;
  }

  /** Keeps a few idle helper lines ready for calls coming in, within the trunk's maximum. */
  private async topUpHelpers(t: Trunk) {
    if (t.masterId === null && t.config.register) return;
    if (this.trunks.get(t.config.id) !== t || !this.session) return;
    const lines = [t.master, ...t.helpers].filter((l) => l !== null);
    const busy = lines.filter((l) => l.busy).length;
    const want = idleTarget(t.config.maxCalls, busy) - (lines.length - busy) - t.pending;
    const room = lineCeiling(t.config.maxCalls) - lines.length - t.pending;
    const n = Math.min(want, room);
    if (n <= 0) return;
    t.pending += n;
    await Promise.all(
      Array.from({ length: n }, () =>
        this.addHelper(t)
          .catch((err) => this.log.warn({ trunk: t.config.id, err: (err as Error).message }, "a helper line could not be made"))
          .finally(() => t.pending--),
      ),
    );
    // Calls that came meanwhile may want more.
    await this.topUpHelpers(t);
  }

  /** The line carrying this call, if it still does. */
  private lineOf(trunkId: string, sipCallId: string) {
    const t = this.trunks.get(trunkId);
    const line = t && [t.master, ...t.helpers, ...t.callers].find((l) => l?.sipCallId === sipCallId);
    return t && line ? { t, line } : null;
  }

  private lineEvent(t: Trunk, line: Line, e: SipEvent) {
    switch (e.event) {
      case "incomingcall": {
        line.busy = true;
        const sipCallId = e.callId ?? "";
        line.sipCallId = sipCallId || null;
        // Until the call is answered its hang-up (a CANCEL) is kept for whoever answers it: the
        // caller may give up while the domain is still deciding.
        let gone: { code: number; reason: string } | null = null;
        line.events = { ended: (code, reason) => (gone = { code, reason }) };
        const carries = () => line.busy && line.sipCallId === (sipCallId || null);
        const call: IncomingCall = {
          trunkId: t.config.id,
          sipCallId,
          from: String(e.result.username ?? ""),
          to: String(e.result.callee ?? ""),
          displayName: String(e.result.displayname ?? ""),
          offer: e.jsep?.type === "offer" ? e.jsep.sdp : null,
          accept: async (sdp, events) => {
            if (gone || !carries()) return events.ended(gone?.code ?? 487, gone?.reason ?? "the caller hung up");
            line.events = events;
            try {
              // Our answer; to a delayed-offer INVITE our offer (its answer comes in the ACK: "accepted").
              const jsep = { type: call.offer ? "answer" : "offer", sdp };
              await line.handle.request({ request: "accept", autoaccept_reinvites: !events.reoffer }, jsep);
            } catch (err) {
              if (!carries()) return; // the caller hung up meanwhile: `events` heard it
              throw err;
            }
          },
          decline: async (code) => {
            // Nothing to refuse once the caller has gone; and Janus 1.1.2 never answers a decline
            // of a call no longer ringing, so it is not waited on for ever.
            if (!carries()) return;
            await withTimeout(line.handle.request({ request: "decline", code }), 5000).catch(() => {});
            if (carries()) this.free(t, line);
          },
        };
        void this.screen(t, call);
        void this.topUpHelpers(t);
        return;
      }
      case "ringing":
        line.events?.ringing?.();
        return;
      case "progress":
      case "accepted":
        if (e.jsep?.sdp) line.events?.media?.(e.jsep.sdp);
        if (e.event === "accepted") line.events?.accepted?.();
        return;
      case "updatingcall":
        void this.reoffered(t, line, e);
        return;
      case "info": {
        const digit = dtmfFromInfo(String(e.result.type ?? ""), String(e.result.content ?? ""));
        if (digit) line.events?.infoDigit?.(digit);
        return;
      }
      case "notify": {
        // A REFER's progress: a message/sipfrag body such as "SIP/2.0 200 OK"; only final answers count.
        const code = Number(/^SIP\/2\.0\s+(\d{3})/.exec(String(e.result.content ?? ""))?.[1] ?? 0);
        if (code >= 200) line.events?.transferResult?.(code);
        return;
      }
      case "hangup": {
        // An earlier call's end can come after the next call's INVITE on the same line: Janus
        // frees the line just before it says the call ended, and may hand it the next caller in
        // between. That late hangup must not free the line from its new call, whose answer would
        // then never be sent (the caller left ringing).
        if (e.callId && line.sipCallId && e.callId !== line.sipCallId) {
          this.log.debug({ trunk: t.config.id, ended: e.callId, carrying: line.sipCallId }, "a late hangup of the line's previous call: ignored");
          return;
        }
        const events = line.events;
        this.free(t, line);
        events?.ended(Number(e.result.code ?? 0), String(e.result.reason ?? ""));
        return;
      }
      case "missed_call":
        // Janus answered an INVITE 486 itself: no line was free in its view. A line we hold idle
        // may be stuck there (Janus can leave a session "establishing" after a call that ended in
        // a race, and then turns every caller it would get away): each idle line is reset.
        this.log.warn({ trunk: t.config.id, caller: String(e.result.caller ?? "") }, "Janus turned a caller away (486): it had no free line");
        void this.resetIdleLines(t);
        void this.topUpHelpers(t);
        return;
      case "registration_failed":
        if (line === t.master) this.registrationFailed(t, `${e.result.code} ${e.result.reason}`);
        return;
      case "registered":
        if (line !== t.master) return;
        t.failures = 0;
        this.setState(t, "REGISTERED", "");
        return;
      default:
        this.log.debug({ trunk: t.config.id, event: e.event }, "sip event");
    }
  }

  /** A re-INVITE on a call: its owner answers the offer, Janus sends our answer in the 200 OK. */
  private async reoffered(t: Trunk, line: Line, e: SipEvent) {
    try {
      const offer = e.jsep?.type === "offer" ? e.jsep.sdp : null;
      if (!offer || !line.events?.reoffer) throw new Error(offer ? "nobody answers re-INVITEs on this call" : "a re-INVITE without SDP");
      const answer = await line.events.reoffer(offer);
      await line.handle.request({ request: "update" }, { type: "answer", sdp: answer });
    } catch (err) {
      this.log.warn({ trunk: t.config.id, sipCallId: line.sipCallId, err }, "a re-INVITE could not be answered");
    }
  }

  /** The registrar's and proxy's addresses (a name may have several); kept when DNS fails. */
  private async resolveProvider(t: Trunk) {
    const hosts = [t.config.host, t.config.proxy].filter(Boolean).map(hostOf);
    const found: string[] = [];
    for (const h of hosts) {
      try {
        found.push(...(await lookup(h, { all: true })).map((a) => a.address));
      } catch (err) {
        this.log.warn({ trunk: t.config.id, host: h, err: (err as Error).message }, "the provider's address could not be resolved");
      }
    }
    if (found.length) t.providerAddresses = found;
  }

  /** Calls only from the provider: an INVITE from another address is refused (403) before anyone
   * hears of it — a stranger could claim any caller number. */
  private async screen(t: Trunk, call: IncomingCall) {
    if (this.on.sourceOf) {
      const ip = await this.on.sourceOf(call.sipCallId);
      const allowed = [...t.providerAddresses, ...t.config.allowedSources];
      if (!ip || !sourceAllowed(ip, allowed)) {
        this.log.warn({ trunk: t.config.id, source: ip ?? "unknown", from: call.from, to: call.to }, "refused a call from an address that is not the trunk's (403)");
        await call.decline(403);
        return;
      }
    }
    this.on.incoming(call);
  }

  /** Clears Janus's "establishing" flag on the lines we hold idle (its `reset` request; a no-op on a
   * line that is idle in Janus too). */
  private async resetIdleLines(t: Trunk) {
    const idle = [t.master, ...t.helpers].filter((l): l is Line => !!l && !l.busy);
    await Promise.all(idle.map((l) => withTimeout(l.handle.request({ request: "reset" }), 5000).catch(() => {})));
  }

  private free(t: Trunk, line: Line) {
    line.busy = false;
    line.events = null;
    line.sipCallId = null;
    line.freedAt = Date.now();
    if (t.callers.includes(line)) {
      t.callers = t.callers.filter((l) => l !== line);
      void line.handle.detach().catch(() => {});
      return;
    }
    // Helpers beyond the idle pool are let go once their call ends.
    const idleHelpers = t.helpers.filter((l) => !l.busy);
    const busy = [t.master, ...t.helpers].filter((l) => l?.busy).length;
    if (idleHelpers.length > idleTarget(t.config.maxCalls, busy) && line !== t.master) {
      t.helpers = t.helpers.filter((l) => l !== line);
      void line.handle.detach().catch(() => {});
    }
  }

  /** Places a call on a trunk with our SDP offer; returns its SIP Call-ID. Throws when the trunk is
   * not ready or full. */
  async dial(trunkId: string, number: string, offerSdp: string, events: SipCallEvents, callerId?: string): Promise<string> {
    const t = this.trunks.get(trunkId);
    if (!t || !this.session) throw new Error(this.problem ?? "the trunk is not connected");
    if (t.config.register && t.state !== "REGISTERED") throw new Error(`the trunk is not registered (${t.state.toLowerCase()})`);
    const asCaller = !!callerId && t.config.callerIdInFrom;
    const busy = [t.master, ...t.helpers].filter((l) => l?.busy).length + t.callers.length;
    // The line rested longest: one whose call has just ended may still be Janus's for a moment.
    const idle = [t.master, ...t.helpers].filter((l): l is Line => !!l && !l.busy).sort((a, b) => a.freedAt - b.freedAt);
    let line = asCaller ? null : (idle[0] ?? null);
    if (busy < t.config.maxCalls) {
      if (asCaller) line = await this.callerLine(t, callerId);
      else line ??= 1 + t.helpers.length < lineCeiling(t.config.maxCalls) ? await this.addHelper(t) : null;
    }
    if (!line) throw new Error("all the trunk's lines are busy");
    line.busy = true;
    line.events = events;
    const chosen = line;
    try {
      const headers = callerId ? { "P-Asserted-Identity": `<sip:${callerId}@${t.config.host}>` } : undefined;
      const calling = await chosen.handle.request(
        { request: "call", uri: `sip:${number}@${t.config.host}`, autoaccept_reinvites: !events.reoffer, ...(headers ? { headers } : {}) },
        { type: "offer", sdp: offerSdp },
      );
      chosen.sipCallId = calling.callId ?? null;
    } catch (err) {
      this.free(t, chosen);
      throw err;
    }
    void this.topUpHelpers(t);
    return chosen.sipCallId ?? "";
  }

  /** Hangs up a call (either way), if its line still carries it. */
  async hangUp(trunkId: string, sipCallId: string) {
    if (!sipCallId) return; // not placed yet: dial() hangs it up once it is
    await this.lineOf(trunkId, sipCallId)?.line.handle.request({ request: "hangup" }).catch(() => {});
  }

  /** Asks the far end of a call to call `uri` instead (a blind transfer by SIP REFER): the trunk
   * connects the caller there; `transferResult` reports how it went. */
  async transfer(trunkId: string, sipCallId: string, number: string) {
    const found = this.lineOf(trunkId, sipCallId);
    if (!found) throw new Error("the call is not on a trunk line any more");
    await found.line.handle.request({ request: "transfer", uri: `sip:${number}@${found.t.config.host}` });
  }

  private async release(t: Trunk) {
    for (const line of [...t.callers, ...t.helpers, t.master]) if (line) await line.handle.detach().catch(() => {});
    t.callers = [];
    t.helpers = [];
    t.master = null;
    t.masterId = null;
  }

  private async drop(t: Trunk) {
    if (t.retry) clearTimeout(t.retry);
    this.trunks.delete(t.config.id);
    for (const line of [t.master, ...t.helpers, ...t.callers]) if (line?.events) line.events.ended(503, "the trunk was changed or removed");
    if (t.master && t.config.register && t.state === "REGISTERED") await t.master.handle.request({ request: "unregister" }).catch(() => {});
    await this.release(t);
    this.on.status(t.config.id, "OFF", "");
  }

  async stop() {
    this.stopped = true;
    for (const t of [...this.trunks.values()]) await this.drop(t).catch(() => {});
    await this.session?.destroy().catch(() => {});
    await this.connection?.close().catch(() => {});
  }
}

/** `p`, or a rejection after `ms` (a request Janus may leave unanswered). */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer from Janus in ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** A key from a SIP INFO body: application/dtmf-relay ("Signal=5") or application/dtmf ("5"). */
export function dtmfFromInfo(type: string, content: string): string | null {
  const t = type.toLowerCase();
  let v = "";
  if (t.includes("dtmf-relay")) {
    // Most send the key itself; some send the event number (10 = *, 11 = #, 12–15 = A–D, 16 = flash).
    // The key on the Signal line itself: an empty "Signal=" must not borrow the next line's "D(uration)".
    const raw = /^[ \t]*signal[ \t]*=[ \t]*(\d{1,2}|[*#A-Da-d])[ \t]*\r?$/im.exec(content)?.[1] ?? "";
    v = /^\d{2}$/.test(raw) ? ("0123456789*#ABCD"[Number(raw)] ?? "") : raw;
  }
  else if (t.includes("dtmf")) v = content.trim();
  v = v.toUpperCase();
  return /^[0-9*#A-D]$/.test(v) ? v : null;
}
