// Who is who on a customer's call, whichever way it went: the customer (a web visitor or a
// telephone, calling in or called) and the agent talking with them (who answered, or who dialled).
// A consulted colleague or outside number is neither.

type Party = { role: string; userId: string | null; phone: string | null; visitorId: string | null; leftAt: Date | null };

/** The customer still on the call. */
export function customerOf<P extends Party>(parties: P[]): P | null {
  return parties.find((p) => (p.visitorId || p.phone) && (p.role === "CALLER" || p.role === "CALLEE") && !p.leftAt) ?? null;
}

/** The agent still on the call with the customer. */
export function agentOf<P extends Party>(parties: P[]): P | null {
  const customer = customerOf(parties);
  return parties.find((p) => p.userId && !p.leftAt && (p.role === "CALLEE" || (p.role === "CALLER" && customer?.role === "CALLEE"))) ?? null;
}
