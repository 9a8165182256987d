// Whether a queue's policy records a customer's call by itself (ON_DEMAND and NONE never do; the
// agent's Record button is another path). Pure, so every policy is tested without a call.
import { normalisePhone } from "../shared/phone-number.ts";

export type RecordingPolicy = "NONE" | "ALL" | "INBOUND" | "OUTBOUND" | "LISTED" | "ON_DEMAND";

export interface CallForPolicy {
  /** The interaction's direction: INBOUND when the customer called us. */
  direction: "INBOUND" | "OUTBOUND";
  /** The customer's number as they gave it (any format), or "" when unknown. */
  customerPhone: string;
}

export function recordsByPolicy(policy: RecordingPolicy, recordNumbers: readonly string[], call: CallForPolicy): boolean {
  switch (policy) {
    case "ALL":
      return true;
    case "INBOUND":
    case "OUTBOUND":
      return call.direction === policy;
    case "LISTED": {
      const phone = normalisePhone(call.customerPhone);
      // The list is normalised when saved; normalising again keeps older or hand-made rows working.
      return phone !== null && recordNumbers.some((n) => normalisePhone(n) === phone);
    }
    default:
      return false;
  }
}
