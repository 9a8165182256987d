// Digits a caller entered, checked by the organisation's CRM (CTI integration): GET the flow's URL
// with the caller's number and the digits; a 2xx answer with JSON { ok, vars } says yes or no and
// may give variables for later prompts ("{debt:amount:PLN}"). No answer in time, an error status
// or a body that is not that: unavailable, and the flow takes its fallback.

export async function lookUpDigits(
  verify: { url: string; timeoutMs: number },
  input: { number: string | null; digits: string },
): Promise<{ ok: boolean; vars?: Record<string, string>; unavailable?: boolean }> {
  const url = new URL(verify.url);
  url.searchParams.set("number", input.number ?? "");
  url.searchParams.set("digits", input.digits);
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(verify.timeoutMs), headers: { accept: "application/json" }, redirect: "error" });
    if (!res.ok) return { ok: false, unavailable: true };
    const body = (await res.json()) as { ok?: unknown; vars?: unknown };
    if (typeof body.ok !== "boolean") return { ok: false, unavailable: true };
    const vars: Record<string, string> = {};
    if (body.vars && typeof body.vars === "object")
      for (const [k, v] of Object.entries(body.vars as Record<string, unknown>).slice(0, 20))
        if (/^[a-zA-Z_]\w{0,39}$/.test(k) && (typeof v === "string" || typeof v === "number")) vars[k] = String(v).slice(0, 200);
    return { ok: body.ok, vars };
  } catch {
    return { ok: false, unavailable: true };
  }
}
