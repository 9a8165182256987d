// A real SMTP server in the test's process that keeps every mail it is given (voicemail, transcripts…).
import { SMTPServer } from "smtp-server";

export interface SmtpSink {
  /** smtp://… for the server under test's SMTP_URL. */
  url: string;
  mails: { to: string[]; raw: string }[];
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SmtpSink["mails"] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, done) {
      let raw = "";
      stream.on("data", (c) => (raw += c));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  const port = await new Promise<number>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve((smtp.server.address() as { port: number }).port)));
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((r) => smtp.close(() => r())) };
}
