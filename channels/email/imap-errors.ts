// What went wrong talking to a mail server, in words an admin can act on, and at which step.

export type MailStep = "DNS" | "CONNECT" | "TLS" | "AUTH" | "FOLDER" | "OTHER";

export function describeMailError(err: unknown, where: { host: string; port: number; folder?: string }): { step: MailStep; message: string } {
  const e = err as { code?: string; message?: string; authenticationFailed?: boolean; serverResponseCode?: string; responseText?: string } | null;
  const code = e?.code ?? "";
  const text = `${e?.message ?? ""} ${e?.responseText ?? ""}`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return { step: "DNS", message: `The server name ${where.host} could not be found (DNS)` };
  if (code === "ECONNREFUSED") return { step: "CONNECT", message: `${where.host}:${where.port} refused the connection (wrong port, or the server is down)` };
  if (code === "ETIMEDOUT" || code === "CONNECT_TIMEOUT" || code === "GREETING_TIMEOUT" || /timed? ?out/i.test(text))
    return { step: "CONNECT", message: `${where.host}:${where.port} did not answer in time` };
  if (/certificate|self[- ]signed|TLS|SSL|wrong version number/i.test(`${code} ${text}`))
    return { step: "TLS", message: `The secure connection to ${where.host} failed: ${e?.message ?? code}` };
  if (
    e?.authenticationFailed ||
    e?.serverResponseCode === "AUTHENTICATIONFAILED" ||
    /AUTHENTICATIONFAILED|authentication failed|invalid credentials/i.test(text)
  )
    return { step: "AUTH", message: "The server refused the user name or password" };
  if (where.folder && (e?.serverResponseCode === "NONEXISTENT" || /mailbox doesn't exist|NONEXISTENT|not exist/i.test(text)))
    return { step: "FOLDER", message: `The folder "${where.folder}" does not exist on the server` };
  return { step: "OTHER", message: e?.message || String(err) };
}
