// Telephone calls end to end on the media role: runs (or reaches) Janus, keeps the organisations'
// trunks registered, takes calls coming in (the domain decides, the media service bridges the
// phone into the call's room, Janus answers), places the calls agents dial, and keeps the SIP side
// in step with the call: a call that ends here is hung up there, and the other way round.
import { randomUUID } from "node:crypto";
import { accessSync, constants } from "node:fs";
import path from "node:path";
import type { Logger } from "pino";
import type { EventListener } from "../../domain/events.ts";
import { ivrEnds, ivrTransferRequested } from "../../domain/ivr/ivr-calls.ts";
import { faxToneHeard } from "../../domain/fax/fax-detect.ts";
import type { FaxArrival } from "../../domain/fax/receive-fax.ts";
import { overflowIvrOf } from "../../domain/ivr/overflow.ts";
import { type InboundDecision, receivePhoneCall } from "../../domain/phone/inbound-call.ts";
import { consultedNumberAnswered, phonePartyEnded } from "../../domain/phone/consult-number.ts";
import { claimDialling } from "../../domain/phone/dial-claim.ts";
import { campaignCallOf } from "../../domain/campaigns/dialer/campaign-calls.ts";
import { endPhoneCallsOfEarlierRun, phoneCallAnswered, phoneCallEnded, phoneCustomerHeld, phoneDigit } from "../../domain/phone/phone-call-events.ts";
import { externalTransferResult } from "../../domain/phone/transfer-to-number.ts";
import { activeTrunks, setTrunkStatus } from "../../domain/phone/trunk-status.ts";
import { trunkFreeLines } from "../../domain/phone/trunk-lines.ts";
import type { Deps } from "../../domain/ports.ts";
import { retryWriteConflicts } from "../../domain/shared/tx.ts";
import { endCall } from "../../domain/voice/calls.ts";
import type { MediaService } from "../media-service.ts";
import type { Law } from "./g711.ts";
import { JanusProcess } from "./janus-process.ts";
import { offerRefusal } from "./phone-leg.ts";
import { isHold, offeredDirection } from "./sip-hold.ts";
import type { Language } from "../../domain/ivr/speech.ts";
import { QueueAnnouncer } from "../ivr/queue-announcer.ts";
import { IvrSession } from "../ivr/ivr-session.ts";
import { synthesize } from "../ivr/tts.ts";
import { type IncomingCall, PhoneGateway } from "./phone-gateway.ts";
import { SipSources } from "./sip-sources.ts";
import { CampaignCallMedia } from "./campaign-call-media.ts";
import { FaxCalls } from "./fax-calls.ts";
import { type ClusterSeat, RegisteredTrunks } from "./registered-trunks.ts";

export interface PhoneSettings {
  enabled: boolean;
  /** An external Janus (ws://…); unset: run our own. */
  janusUrl?: string;
  janusBin: string;
  janusWsPort: number;
  /** Interface(s) Janus gathers ICE on; the media engine's phone legs listen on `mediaIp`. */
  iceInterface: string;
  mediaIp: string;
  /** Janus's SIP address (what trunks reach). */
  sipIp: string;
  sipRtpPorts: { min: number; max: number };
  janusIcePorts: { min: number; max: number };
  /** How long a call out rings before it is given up as NO_ANSWER. */
  ringSeconds: number;
  dataDir: string;
  /** Where the fax modem helper is (media/fax/fax-modem-binary.ts). */
  fax: { faxModemBin?: string; cacheDir: string };
}

/** A telephone on a call, and its SIP call on a line of Janus. */
interface Link {
  callId: string;
  trunkId: string;
  sipCallId: string;
  /** The customer's phone (calling in, or called), rather than a number consulted on the call. */
  customer: boolean;
}

const LAWS: Record<string, Law> = { PCMA: "alaw", PCMU: "ulaw" };

export class PhoneService {
  private janus: JanusProcess | null = null;
  /** Where INVITEs came from (our own Janus tells; an external one does not). */
  private sources: SipSources;
  private gateway: PhoneGateway | null = null;
  /** The trunks the gateway keeps: all, or in a cluster this node's share. */
  private registered: RegisteredTrunks | null = null;
  /** By the telephone's party id. */
  private links = new Map<string, Link>();
  /** Callers in an IVR flow, by call. */
  private ivr = new Map<string, IvrSession>();
  private announcer: QueueAnnouncer | null = null;
  /** Campaigns' calls being answered: machine detection, then an agent or a message. */
  private readonly campaignCalls: CampaignCallMedia;
  /** Calls to fax numbers, each answered by a fax modem. */
  private readonly faxes: FaxCalls;
  /** Where spoken prompts are kept once synthesised (IVR, announcements, blocked callers). */
  private get speech() {
    return { cacheDir: path.join(this.settings.dataDir, "prompts") };
  }
  private codecs = new Map<string, Law[]>();
  /** Calls out ringing, each given up after the ring time. */
  private ringTimers = new Set<ReturnType<typeof setTimeout>>();
  /** Janus runs (or is reached) once there is a trunk to register: no trunks, no process. */
  private running = false;
  /** Why telephone calls cannot be made or taken, when they cannot. */
  disabledReason: string | null = null;

  constructor(
    private readonly settings: PhoneSettings,
    private readonly media: MediaService,
    private readonly deps: Deps,
    private readonly log: Logger,
    /** This node's place in a cluster (null: one process, which keeps every trunk). */
    private readonly seat: ClusterSeat | null = null,
  ) {
    this.sources = new SipSources(log.child({ component: "sip-sources" }));
    this.campaignCalls = new CampaignCallMedia(media, deps, this.speech, log.child({ component: "campaign-calls" }));
    this.faxes = new FaxCalls(
      media,
      deps,
      { ...settings.fax, workDir: path.join(settings.dataDir, "fax"), ringSeconds: settings.ringSeconds },
      () => this.gateway,
      (trunkId) => trunkFreeLines(trunkId, this.deps),
      (trunkId) => this.legOptions(trunkId, trunkId),
      log.child({ component: "fax" }),
    );
  }

  async start() {
    // Whatever an earlier run of this role left live has nothing carrying it now.
    await endPhoneCallsOfEarlierRun(this.deps).catch((err) => this.log.error({ err }, "ending the calls of an earlier run failed"));
    // Faxes an earlier run received but did not put on cases.
    this.faxes.startReconciling();
    if (!this.settings.enabled) {
      this.disabledReason = "the phone gateway is switched off (PHONE_GATEWAY=0)";
      return;
    }
    if (!this.media.enabled) {
      this.disabledReason = `voice is off (${this.media.disabledReason ?? "no media engine"})`;
      return;
    }
    const s = this.settings;
    let url = s.janusUrl;
    if (!url) {
      try {
        accessSync(s.janusBin, constants.X_OK);
      } catch {
        this.disabledReason = `Janus is not installed (${s.janusBin}); install Debian's janus package or set JANUS_URL`;
        this.log.warn(this.disabledReason);
        return;
      }
      const lib = "/usr/lib/x86_64-linux-gnu/janus";
      this.janus = new JanusProcess(
        s.janusBin,
        path.join(s.dataDir, "janus"),
        {
          wsPort: s.janusWsPort,
          iceInterface: s.iceInterface,
          sipIp: s.sipIp,
          rtpPorts: s.sipRtpPorts,
          icePorts: s.janusIcePorts,
          pluginsFolder: process.env.JANUS_PLUGINS_FOLDER ?? `${lib}/plugins`,
          transportsFolder: process.env.JANUS_TRANSPORTS_FOLDER ?? `${lib}/transports`,
          debugLevel: 4,
          eventsFolder: process.env.JANUS_EVENTS_FOLDER ?? `${lib}/events`,
          eventsUrl: await this.sources.start(),
        },
        this.log.child({ component: "janus" }),
        () => void this.gateway?.connect().then(() => this.registered?.apply()),
      );
      url = this.janus.url;
    }
    const janusUrl = url;
    this.gateway = new PhoneGateway(() => janusUrl, this.log.child({ component: "phone" }), {
      status: (trunkId, state, detail) => {
        if (this.registered?.reports(trunkId) === false) return;
        void setTrunkStatus(trunkId, state, detail, this.deps).catch((err) => this.log.error({ err }, "saving a trunk's status failed"));
      },
      incoming: (call) => void this.incoming(call).catch((err) => this.log.error({ err }, "taking a phone call failed")),
      sourceOf: this.janus ? (sipCallId) => this.sources.sourceOf(sipCallId) : undefined,
    });
    this.registered = new RegisteredTrunks(this.seat, this.gateway, this.deps.db, this.log.child({ component: "registrar" }));
    await this.reloadTrunks();
  }

  /** Problems to show: the gateway's, when it is down. */
  get problem(): string | null {
    if (this.disabledReason) return this.disabledReason;
    return this.running ? (this.janus?.problem ?? this.gateway?.problem ?? null) : null;
  }

  private async reloadTrunks() {
    if (!this.gateway) return;
    const trunks = await activeTrunks(this.deps);
    for (const t of trunks) this.codecs.set(t.id, t.codecs.map((c) => LAWS[c]).filter(Boolean));
    await this.registered!.set(trunks.map(({ codecs: _c, ...t }) => t));
    if (trunks.length && !this.running) {
      this.running = true;
      this.announcer = new QueueAnnouncer(
        this.deps,
        this.media,
        (callId) => this.linksOf(callId).find(([, l]) => l.customer)?.[0],
        this.speech,
        this.log.child({ component: "announcer" }),
      );
      if (this.janus) await this.janus.start();
      else await this.gateway.connect().then(() => this.registered?.apply());
      // Faxes agents queued go out on this node's trunks.
      this.faxes.startSending();
    }
  }

  private legOptions(callId: string, trunkId: string) {
    return {
      listenIp: this.settings.mediaIp,
      codecs: this.codecs.get(trunkId) ?? ["alaw", "ulaw"],
      onDigit: (digit: string) => this.digit(callId, digit, "RFC2833"),
    };
  }

  /** A key from the telephone: to the IVR (at once), and onto the case. */
  private digit(callId: string, digit: string, via: "RFC2833" | "INFO") {
    this.ivr.get(callId)?.digit(digit);
    void phoneDigit(callId, digit, via, this.deps).catch(() => {});
  }

  /** The caller meets the number's IVR flow: prompts into their telephone, keys from it. */
  private startIvr(callId: string, partyId: string, ivr: NonNullable<Extract<InboundDecision, { accept: true }>["ivr"]>) {
    this.ivr.get(callId)?.end();
    const session = new IvrSession(
      callId,
      ivr.flow,
      { timezone: ivr.timezone, caller: ivr.caller },
      {
        play: (audio, done) => this.media.phones.playPrompt(callId, partyId, audio, done),
        stopPrompt: () => this.media.phones.stopPrompt(callId, partyId),
        record: (file) => this.media.recordCaller(callId, partyId, file),
        transfer: async (number) => {
          await ivrTransferRequested(callId, number, this.deps);
          await this.transferToNumber(callId, number);
        },
        fax: (documentId) => this.faxes.faxOnCall(callId, partyId, documentId),
      },
      this.speech,
      this.deps,
      this.log.child({ component: "ivr", callId }),
    );
    this.ivr.set(callId, session);
    session.start();
  }

  /** A voice number that listens for fax machines: a tone heard while the caller is in the flow or
   * waiting in the queue stops the flow (or takes the call from the queue), the fax modem answers,
   * and the call ends as FAX once the fax is over. */
  private listenForFax(callId: string, partyId: string, arrival: FaxArrival) {
    this.faxes.listenForFax(callId, partyId, arrival, {
      heard: async () => {
        this.ivr.get(callId)?.end();
        this.ivr.delete(callId);
        return faxToneHeard(callId, this.deps);
      },
      over: () => ivrEnds(callId, "FAX", this.deps),
    });
  }

  /** Tells the media listener the call changed, so who-hears-whom is applied again. */
  private async replan(callId: string) {
    const call = await this.deps.db.call.findUnique({ where: { id: callId }, include: { parties: { select: { userId: true, visitorId: true } } } });
    if (!call) return;
    this.deps.events.publish("call.updated", { organizationId: call.organizationId, callId, state: call.state });
  }

  /** A call coming in gets a final answer whatever it carried: a failure here refuses it (500). */
  private async incoming(sip: IncomingCall) {
    try {
      await this.takeCall(sip);
    } catch (err) {
      this.log.error({ err, trunk: sip.trunkId, sipCallId: sip.sipCallId }, "taking a phone call failed; refused");
      await sip.decline(500);
    }
  }

  private async takeCall(sip: IncomingCall) {
    // An offer we cannot answer is refused before any case, call or queue item exists for it.
    const offer = sip.offer;
    const refusal = offerRefusal(offer);
    if (refusal) {
      this.log.info({ trunk: sip.trunkId, from: sip.from, to: sip.to, why: refusal }, "phone call refused (488)");
      await sip.decline(488);
      return;
    }
    // In a cluster the call's media is this node's from the start: the telephone is on its Janus.
    const media = this.seat ? { nodeId: this.seat.nodeId, leaseUntil: new Date(Date.now() + this.seat.mediaLeaseMs) } : undefined;
    const decision = await receivePhoneCall({ trunkId: sip.trunkId, from: sip.from, to: sip.to, displayName: sip.displayName, media }, this.deps);
    if (!decision.accept) {
      this.log.info({ trunk: sip.trunkId, from: sip.from, to: sip.to, code: decision.code, why: decision.reason }, "phone call refused");
      if (decision.say)
        await this.sayAndHangUp(sip, decision.say).catch((err) => {
          this.log.warn({ err }, "a blocked caller could not be told; refused instead");
          return sip.decline(decision.code);
        });
      else await sip.decline(decision.code);
      return;
    }
    if (decision.accept === "fax") {
      await this.faxes.take(sip, decision.fax, decision.freeLines, this.legOptions(sip.sipCallId, sip.trunkId));
      return;
    }
    const { callId, partyId } = decision;
    this.links.set(partyId, { callId, trunkId: sip.trunkId, sipCallId: sip.sipCallId, customer: true });
    try {
      // Our answer; or, to a delayed-offer INVITE, our offer (the caller answers in the ACK: `media`).
      const sdp = await this.media.addPhoneLeg(callId, partyId, { ...this.legOptions(callId, sip.trunkId), offer: offer ?? undefined });
      await sip.accept(sdp, {
        media: (answer) =>
          void this.media
            .phoneAnswered(callId, partyId, answer)
            .then(() => this.replan(callId))
            .catch((err) => {
              this.log.error({ err, callId }, "the caller's answer could not be used; hanging up");
              void this.hangUpParty(partyId).then(() => endCall(callId, "MEDIA_FAILED", null, this.deps));
            }),
        ended: (code, words) => this.sipEnded(callId, partyId, code, words),
        infoDigit: (digit) => this.digit(callId, digit, "INFO"),
        transferResult: (code) => void this.transferred(callId, partyId, code),
        reoffer: async (sdp) => this.reoffered(callId, partyId, sdp),
      });
      await this.replan(callId);
      if (decision.ivr) this.startIvr(callId, partyId, decision.ivr);
      if (decision.faxDetect) this.listenForFax(callId, partyId, decision.faxDetect);
    } catch (err) {
      this.log.error({ err, callId }, "a phone call could not be bridged");
      this.links.delete(partyId);
      await sip.decline(488);
      await endCall(callId, "MEDIA_FAILED", null, this.deps).catch(() => {});
    }
  }

  /** Answers, says `say` and hangs up: no call, case or recording is kept (a blocked caller). */
  private async sayAndHangUp(sip: IncomingCall, say: { text: string; language: Language }) {
    if (!sip.offer) throw new Error("no SDP offer");
    const audio = await synthesize(say.text, say.language, this.speech);
    const roomId = randomUUID();
    const partyId = randomUUID();
    const done = () => {
      clearTimeout(limit);
      this.media.closeRoom(roomId);
    };
    // However it goes, the line is free again within a minute.
    const limit = setTimeout(() => void this.gateway?.hangUp(sip.trunkId, sip.sipCallId).finally(done), 60_000);
    try {
      // Keys pressed meanwhile go nowhere: there is no call to note them on.
      const answer = await this.media.addPhoneLeg(roomId, partyId, { ...this.legOptions(roomId, sip.trunkId), onDigit: () => {}, offer: sip.offer });
      await sip.accept(answer, { ended: done, infoDigit: () => {}, transferResult: () => {} });
      this.media.phones.playPrompt(roomId, partyId, audio, () => void this.gateway?.hangUp(sip.trunkId, sip.sipCallId).finally(done));
    } catch (err) {
      done();
      throw err;
    }
  }

  /** Rings a telephone: the number an agent dialled (the call's CALLEE), or one consulted on the call. */
  private async dial(callId: string, partyId?: string, callerId?: string | null) {
    const call = await this.deps.db.call.findUnique({ where: { id: callId }, include: { parties: true } });
    const party = call?.parties.find((p) => p.phone && (partyId ? p.id === partyId : p.role === "CALLEE"));
    if (!call || !party?.phone || party.leftAt || this.links.has(party.id)) return;
    const customer = party.role === "CALLEE";
    if (call.state !== (customer ? "RINGING" : "ACTIVE")) return;
    const trunkId = party.trunkId ?? call.trunkId;
    const failed = (code: number, words: string) =>
      customer ? phoneCallEnded(callId, code, words, this.deps) : phonePartyEnded(callId, party.id, code, words, this.deps);
    if (!(await claimDialling(party.id, this.deps))) return;
    if (!this.gateway || !trunkId) return failed(503, `Calls out are off: ${this.problem ?? "no phone gateway"}`);
    // A campaign's call has no agent on it yet: what answers decides who gets it.
    const campaign = customer ? await campaignCallOf(callId, this.deps) : null;
    const link: Link = { callId, trunkId, sipCallId: "", customer };
    this.links.set(party.id, link);
    try {
      const offer = await this.media.addPhoneLeg(callId, party.id, this.legOptions(callId, trunkId));
      link.sipCallId = await this.gateway.dial(
        trunkId,
        party.phone,
        offer,
        {
          media: (sdp) =>
            void this.media
              .phoneAnswered(callId, party.id, sdp)
              .then(() => this.replan(callId))
              .catch((err) => this.log.error({ err, callId }, "the phone's answer could not be used")),
          accepted: () =>
            void (customer ? phoneCallAnswered(callId, this.deps) : consultedNumberAnswered(callId, party.id, this.deps))
              .then(() => (campaign ? this.campaignCalls.answered(callId, party.id, campaign) : undefined))
              .catch((err) => this.log.error({ err, callId }, "recording an answer failed")),
          ended: (code, words) => this.sipEnded(callId, party.id, code, words),
          infoDigit: (digit) => this.digit(callId, digit, "INFO"),
          transferResult: (code) => void this.transferred(callId, party.id, code),
          // The customer may hold a call we placed too (a consulted number's re-INVITEs Janus takes).
          ...(customer ? { reoffer: async (sdp: string) => this.reoffered(callId, party.id, sdp) } : {}),
        },
        (customer ? call.localNumber : callerId) || undefined,
      );
      if (!this.links.has(party.id))
        await this.gateway.hangUp(trunkId, link.sipCallId); // given up on meanwhile
      else if (customer) this.giveUpUnanswered(callId, party.id, campaign?.ringSeconds ?? this.settings.ringSeconds);
    } catch (err) {
      this.links.delete(party.id);
      await failed(503, (err as Error).message);
    }
  }

  /** A call out nobody answers ends as NO_ANSWER after the ring time (hanging up frees its trunk
   * line); without this it would ring, and hold the line, for as long as the network lets it. */
  private giveUpUnanswered(callId: string, partyId: string, seconds: number) {
    const timer = setTimeout(() => {
      this.ringTimers.delete(timer);
      if (!this.links.has(partyId)) return;
      void this.deps.db.call
        .findUnique({ where: { id: callId }, select: { state: true } })
        .then((call) => (call?.state === "RINGING" ? phoneCallEnded(callId, 408, `No answer within ${seconds} s`, this.deps) : undefined))
        .catch((err) => this.log.error({ err, callId }, "giving up an unanswered call failed"));
    }, seconds * 1000);
    timer.unref();
    this.ringTimers.add(timer);
  }

  /** The customer's telephone re-INVITEd (hold, resume, a session refresh): we answer, and the
   * call notes whether they hold it. */
  private reoffered(callId: string, partyId: string, sdp: string): string {
    const answer = this.media.phones.reanswer(callId, partyId, sdp);
    void phoneCustomerHeld(callId, isHold(offeredDirection(sdp)), this.deps).catch((err) => this.log.error({ err, callId }, "noting a hold failed"));
    return answer;
  }

  private sipEnded(callId: string, partyId: string, code: number, words: string) {
    this.links.delete(partyId);
    // A hang-up racing the agent's answer may lose a write conflict: the call must end all the same.
    void retryWriteConflicts(() => phonePartyEnded(callId, partyId, code, words, this.deps)).catch((err) =>
      this.log.error({ err, callId }, "ending a phone call failed"),
    );
  }

  private linksOf(callId: string) {
    return [...this.links].filter(([, l]) => l.callId === callId);
  }

  private async hangUpParty(partyId: string) {
    const link = this.links.get(partyId);
    if (!link) return;
    this.links.delete(partyId);
    await this.gateway?.hangUp(link.trunkId, link.sipCallId);
  }

  /** The call changed: telephones that left it (a consultation cancelled) are hung up; all of them
   * when it ended. */
  private async callChanged(callId: string, ended: boolean) {
    if (ended) {
      this.campaignCalls.ended(callId);
      this.faxes.callEnded(callId);
    }
    const session = this.ivr.get(callId);
    if (session && (ended || !(await this.deps.db.call.findUnique({ where: { id: callId }, select: { ivr: true } }))?.ivr)) {
      session.end();
      this.ivr.delete(callId);
    }
    const mine = this.linksOf(callId);
    if (!mine.length) return;
    const gone = ended
      ? mine.map(([id]) => id)
      : (await this.deps.db.callParty.findMany({ where: { id: { in: mine.map(([id]) => id) }, leftAt: { not: null } }, select: { id: true } })).map(
          (p) => p.id,
        );
    await Promise.all(gone.map((id) => this.hangUpParty(id)));
  }

  /** Hands the caller to an outside number by SIP REFER: the provider connects them there. */
  async transferToNumber(callId: string, number: string) {
    const link = this.linksOf(callId).find(([, l]) => l.customer)?.[1];
    if (!link || !this.gateway) throw new Error("this call is not on a phone line here");
    await this.gateway.transfer(link.trunkId, link.sipCallId, number);
  }

  /** The far end said how the transfer went: done, we leave the call (it is the provider's now);
   * refused, the agent still has the caller. */
  private async transferred(callId: string, partyId: string, code: number) {
    await externalTransferResult(callId, code, this.deps).catch((err) => this.log.error({ err, callId }, "recording a transfer's result failed"));
    if (code < 300) await this.hangUpParty(partyId);
    else this.ivr.get(callId)?.transferFailed(code);
  }

  /** Keys an agent presses, to a telephone (`partyId`, or all on the call): as tones in the audio
   * (every G.711 trunk carries them). */
  sendDigits(callId: string, digits: string, partyId?: string) {
    this.media.phones.sendDigits(callId, digits, partyId);
  }

  readonly listener: EventListener = {
    "trunk.changed": () => this.reloadTrunks(),
    "call.dialing": (p) => this.dial(p.callId, p.partyId, p.callerId),
    "fax.queued": () => (this.running ? this.faxes.sendDue() : undefined),
    "call.updated": (p) => this.callChanged(p.callId, p.state === "ENDED"),
    "routing.overflowed": (p) => (p.callId && p.to && p.reason === "MAX_WAIT" ? this.overflowed(p.callId) : undefined),
  };

  /** A caller waited the queue's longest and it takes messages / offers call-backs: they meet that
   * flow (a full queue's is started by whoever queued them: the call's arrival or its IVR flow). */
  private async overflowed(callId: string) {
    const partyId = this.linksOf(callId).find(([, l]) => l.customer)?.[0];
    if (!partyId) return;
    const ivr = await overflowIvrOf(this.deps.db, callId);
    if (ivr) this.startIvr(callId, partyId, ivr);
  }

  async stop() {
    for (const timer of this.ringTimers) clearTimeout(timer);
    this.campaignCalls.stop();
    await this.faxes.stop();
    this.announcer?.stop();
    if (this.registered) await this.registered.stop(() => this.gateway!.stop());
    else await this.gateway?.stop();
    await this.janus?.stop();
    await this.sources.stop();
  }
}
