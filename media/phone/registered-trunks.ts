// Which trunks this node's phone gateway keeps. One process keeps every active trunk. A media node
// of a cluster keeps the trunks that do not register (any node may call out on those) and the
// registering trunks whose registrar lease it holds (domain/phone/trunk-registrar.ts): it claims
// and renews the leases every couple of seconds while its gateway is connected to Janus, lets them
// go when Janus is lost or the node stops, and reports a registering trunk's status only while it
// holds it (a node letting a trunk go must not overwrite the new holder's REGISTERED with OFF).
import type { Logger } from "pino";
import { holdRegistrars, releaseRegistrars } from "../../domain/phone/trunk-registrar.ts";
import type { Db } from "../../domain/shared/tx.ts";
import type { PhoneGateway, TrunkConfig } from "./phone-gateway.ts";

/** This node's place in a cluster, as the phone gateway needs it. */
export interface ClusterSeat {
  nodeId: string;
  /** The live media nodes' ids, as last seen. */
  liveMediaNodes(): string[];
  /** How long a call's media stays this node's after its last renewal. */
  mediaLeaseMs: number;
}

const RENEW_MS = 2000;

export class RegisteredTrunks {
  private trunks: TrunkConfig[] = [];
  /** Registering trunks whose lease this node holds. */
  private held = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  /** One apply at a time; a request meanwhile runs once after it. */
  private applying: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly seat: ClusterSeat | null,
    private readonly gateway: PhoneGateway,
    private readonly db: Db,
    private readonly log: Logger,
  ) {
    if (seat) {
      this.timer = setInterval(() => void this.apply(), RENEW_MS);
      this.timer.unref();
    }
  }

  /** The active trunks changed (or were first read): the gateway keeps its share of them. */
  set(trunks: TrunkConfig[]): Promise<void> {
    this.trunks = trunks;
    return this.apply(true);
  }

  /** Whether this node speaks for the trunk's status (it keeps its registration, or it does not register). */
  reports(trunkId: string): boolean {
    if (!this.seat) return true;
    const trunk = this.trunks.find((t) => t.id === trunkId);
    return !trunk?.register || this.held.has(trunkId);
  }

  /** Claims and renews this node's leases and hands the gateway its trunks; `changed`: the trunks'
   * settings changed, so the gateway hears them even when the held set did not. */
  apply(changed = false): Promise<void> {
    this.applying = this.applying.then(() => this.applyNow(changed)).catch((err) => this.log.error({ err }, "keeping the trunks' registrations failed"));
    return this.applying;
  }

  private async applyNow(changed: boolean) {
    if (this.stopped) return;
    if (!this.seat) return this.gateway.setTrunks(this.trunks);
    // Only a gateway that reaches Janus can register: without one this node holds nothing.
    const registering = this.gateway.connected ? this.trunks.filter((t) => t.register).map((t) => t.id) : [];
    const held = await holdRegistrars(this.db, { nodeId: this.seat.nodeId, trunkIds: registering, liveNodeIds: this.seat.liveMediaNodes(), now: new Date() });
    const moved = held.size !== this.held.size || [...held].some((id) => !this.held.has(id));
    if (moved) this.log.info({ node: this.seat.nodeId, trunks: [...held] }, "registering trunks held by this node");
    this.held = held;
    if (moved || changed) await this.gateway.setTrunks(this.trunks.filter((t) => !t.register || held.has(t.id)));
  }

  /** The node stops: no more claims; `stopGateway` lets the trunks go (their statuses said while
   * still held), then the leases are given up so that other nodes take the trunks at once. */
  async stop(stopGateway: () => Promise<void>) {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.applying;
    await stopGateway();
    if (this.seat) await releaseRegistrars(this.db, this.seat.nodeId).catch((err) => this.log.warn({ err }, "giving up the trunks' registrations failed"));
  }
}
