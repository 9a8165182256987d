// Which addresses may send a trunk's calls: the provider's registrar and proxy (their addresses,
// resolved) and what the admin lists — single IPs or CIDR ranges, IPv4 or IPv6. An INVITE from
// anywhere else is a stranger claiming to be the provider (a forged caller number would be
// matched to a contact, a VIP put first in the queue) and is refused with 403.
import { BlockList, isIP } from "node:net";

/** An IP or a CIDR range (IPv4 or IPv6); null when it is neither. */
export function parseSource(text: string): { address: string; prefix: number; family: "ipv4" | "ipv6" } | null {
  const [address = "", prefixText, ...rest] = text.trim().split("/");
  const version = isIP(address);
  if (!version || rest.length) return null;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

/** Whether `ip` is one of `sources` (IPs and CIDRs; entries that are neither are ignored). */
export function sourceAllowed(ip: string, sources: readonly string[]): boolean {
  const version = isIP(ip);
  if (!version) return false;
  const list = new BlockList();
  for (const s of sources) {
    const p = parseSource(s);
    if (p) list.addSubnet(p.address, p.prefix, p.family);
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  return list.check(ip, version === 4 ? "ipv4" : "ipv6") || (!!mapped && list.check(mapped, "ipv4"));
}

/** The host part of `host`, `host:port` or `[v6]:port`. */
export function hostOf(hostPort: string): string {
  const v6 = /^\[([^\]]+)\]/.exec(hostPort);
  if (v6) return v6[1];
  return hostPort.split(":")[0];
}
