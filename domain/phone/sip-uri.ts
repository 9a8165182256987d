// Numbers out of SIP addresses: "sip:+48221234567@trunk.example;user=phone" → "+48221234567".
import { normalisePhone } from "../shared/phone-number.ts";

/** The user part of a SIP URI (or the text itself when it is not one). */
export function sipUser(uri: string): string {
  const m = /^(?:"[^"]*"\s*)?<?(?:sips?|tel):([^@;>]+)/i.exec(uri.trim());
  const user = m ? m[1] : uri.trim();
  // Whatever the network sent: a broken %-escape is kept as it came rather than failing the call.
  try {
    return decodeURIComponent(user);
  } catch {
    return user;
  }
}

/** The number in E.164 when it is one; otherwise what the network sent (e.g. "anonymous", "1001"). */
export function numberOf(uri: string): string {
  const user = sipUser(uri);
  return normalisePhone(user) ?? user;
}
