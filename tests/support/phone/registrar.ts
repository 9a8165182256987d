// A SIP registrar for the phone tests: answers REGISTER (200 OK, or the code a test asks for) and
// remembers the contact each account registered, so SIPp callers know where to send INVITEs.
import dgram from "node:dgram";

export class TestRegistrar {
  private socket = dgram.createSocket("udp4");
  readonly contacts = new Map<string, { host: string; port: number }>();
  /** Every address each account registered from, with when it first did (ms since the epoch): a
   * cluster registers a trunk from one node at a time. */
  readonly registeredFrom = new Map<string, Map<string, number>>();
  registers = 0;
  /** Answer REGISTERs with this instead of 200 (e.g. 403). */
  refuseWith: { code: number; reason: string } | null = null;
  /** Challenge every REGISTER (401 with a digest challenge), whatever it carries: a password
   * the provider does not take. */
  challenge = false;
  /** Answer nothing at all (a registrar that went away). */
  silent = false;
  /** Grant at most this many seconds (so that the client refreshes soon). */
  grantExpires: number | null = null;

  async start(host = "127.0.0.1"): Promise<number> {
    this.socket.on("message", (m, rinfo) => this.onMessage(m.toString(), rinfo));
    await new Promise<void>((r) => this.socket.bind(0, host, () => r()));
    return this.socket.address().port;
  }

  private onMessage(text: string, rinfo: dgram.RemoteInfo) {
    if (!text.startsWith("REGISTER ")) return;
    this.registers++;
    if (this.silent) return;
    const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(text)?.[1]?.trim() ?? "";
    const user = /sip:([^@>;]+)@/.exec(header("To"))?.[1] ?? "";
    const contact = header("Contact");
    const at = /@([\d.]+):(\d+)/.exec(contact);
    const asked = /expires=(\d+)/i.exec(contact)?.[1] ?? header("Expires") ?? "300";
    const expires = this.grantExpires !== null && Number(asked) > 0 ? String(Math.min(Number(asked), this.grantExpires)) : asked;
    const refusal = this.challenge ? { code: 401, reason: "Unauthorized" } : this.refuseWith;
    const status = refusal ? `${refusal.code} ${refusal.reason}` : "200 OK";
    if (!refusal && Number(expires) > 0) {
      const where = at ? { host: at[1], port: Number(at[2]) } : { host: rinfo.address, port: rinfo.port };
      this.contacts.set(user, where);
      const from = this.registeredFrom.get(user) ?? new Map<string, number>();
      if (!from.has(where.host)) from.set(where.host, Date.now());
      this.registeredFrom.set(user, from);
    }
    const vias = text.split(/\r?\n/).filter((l) => /^(Via|v):/i.test(l));
    const reply = [
      `SIP/2.0 ${status}`,
      ...vias,
      `From: ${header("From")}`,
      `To: ${header("To")};tag=reg${this.registers}`,
      `Call-ID: ${header("Call-ID")}`,
      `CSeq: ${header("CSeq")}`,
      ...(this.challenge ? [`WWW-Authenticate: Digest realm="test", nonce="n${this.registers}", algorithm=MD5, qop="auth"`] : []),
      ...(refusal ? [] : this.grantExpires === null ? [`Contact: ${contact};expires=${expires}`] : [`Contact: ${contact.replace(/;expires=\d+/i, "")};expires=${expires}`, `Expires: ${expires}`]),
      "Content-Length: 0",
      "",
      "",
    ].join("\r\n");
    this.socket.send(reply, rinfo.port, rinfo.address);
  }

  close() {
    this.socket.close();
  }
}
