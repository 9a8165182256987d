"use client";
// One mailbox: where its mail is read from, how replies leave, and a test that says which step
// fails. Passwords are write-only: left empty, the saved ones stay — for the same server only.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Dialog } from "../../../_components/dialog.tsx";
import { Checkbox, Field, Input, Select } from "../../../_components/field.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { type ApiError, apiError } from "../../../_client/errors.ts";
import { graphql } from "../../../_client/graphql.ts";
import { useErrorText } from "../../../_client/use-error-text.ts";
import type { Mailbox, MailboxSettings } from "./page.tsx";

const SaveMailbox = graphql(`
  mutation SaveMailbox($id: ID, $input: MailboxInput!) {
    saveMailbox(id: $id, input: $input) {
      id
    }
  }
`);
const TestMailbox = graphql(`
  mutation TestMailbox($id: ID, $input: MailboxInput!) {
    testMailbox(id: $id, input: $input) {
      imap {
        ok
        step
        message
      }
      smtp {
        ok
        step
        message
      }
    }
  }
`);

const SECURITY = ["tls", "starttls", "none"] as const;
const DEFAULT_ACK = "Dear {first_name},\n\nthank you for your message. It has the number {case_number}; we will answer as soon as we can.";
const defaults: MailboxSettings = {
  imap: { host: "", port: 993, security: "tls", user: "", folder: "INBOX" },
  smtp: null,
  fromAddress: "",
  fromName: "",
  maxAttachmentMegabytes: 25,
  acknowledgement: { enabled: false, body: DEFAULT_ACK },
};
type Probe = { ok: boolean; step: string | null; message: string };
type Server = { host: string; port: number; security: string; user: string };

export function MailboxDialog({ mailbox, queues, onClose }: { mailbox: Mailbox | null; queues: { id: string; name: string }[]; onClose: () => void }) {
  const t = useTranslations("admin.mailboxes");
  const tc = useTranslations("common");
  const errors = useErrorText();
  const [name, setName] = useState(mailbox?.name ?? "");
  const [queueId, setQueueId] = useState(mailbox?.queue.id ?? queues[0]?.id ?? "");
  const [active, setActive] = useState(mailbox?.active ?? true);
  const [c, setC] = useState<MailboxSettings>({ ...defaults, ...((mailbox?.config as MailboxSettings | null) ?? {}) });
  const [imapPassword, setImapPassword] = useState("");
  const [smtpPassword, setSmtpPassword] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [probe, setProbe] = useState<{ imap: Probe; smtp: Probe | null } | null>(null);
  const [saving, save] = useMutation(SaveMailbox);
  const [testing, test] = useMutation(TestMailbox);
  const imap = (patch: Partial<MailboxSettings["imap"]>) => setC({ ...c, imap: { ...c.imap, ...patch } });
  const smtp = (patch: Partial<NonNullable<MailboxSettings["smtp"]>>) =>
    setC({ ...c, smtp: { host: "", port: 587, security: "starttls", user: "", ...c.smtp, ...patch } });
  const input = () => ({ name, queueId, active, config: c, imapPassword, smtpPassword });
  // A saved password is only sent to the server it was saved for (the API refuses otherwise): say
  // so beside the field as soon as the server changes, not only after a refused save.
  const saved = mailbox?.config as MailboxSettings | null | undefined;
  const moved = (a: Server | null | undefined, b: Server | null | undefined) =>
    !!a && (!b || a.host.toLowerCase() !== b.host.toLowerCase() || a.port !== b.port || a.security !== b.security || a.user !== b.user);
  const passwordHint = (a: Server | null | undefined, b: Server | null | undefined) => (!mailbox ? undefined : moved(a, b) ? t("passwordAgain") : t("passwordKeep"));
  const fieldError = (path: string) =>
    errors.field(
      error?.fields.find((f) => f.path === path),
      path.split(".").pop()!,
    );

  async function submit() {
    const r = await save({ id: mailbox?.id ?? null, input: input() });
    const e = apiError(r.error);
    setError(e);
    if (!e) onClose();
  }
  async function runTest() {
    setProbe(null);
    const r = await test({ id: mailbox?.id ?? null, input: input() });
    const e = apiError(r.error);
    setError(e);
    if (r.data) setProbe(r.data.testMailbox);
  }

  const securitySelect = (id: string, value: string, onChange: (v: (typeof SECURITY)[number]) => void) => (
    <Select id={id} value={value} onChange={(e) => onChange(e.target.value as (typeof SECURITY)[number])}>
      {SECURITY.map((s) => (
        <option key={s} value={s}>
          {t(`security_${s}`)}
        </option>
      ))}
    </Select>
  );
  const probeLine = (label: string, p: Probe) => (
    <p className={`text-sm ${p.ok ? "text-emerald-700" : "text-red-700"}`} data-testid={`probe-${label}`}>
      <b>{label}:</b> {p.ok ? t("ok", { message: p.message }) : `${t(`step_${p.step ?? "OTHER"}`)} — ${p.message}`}
    </p>
  );

  return (
    <Dialog
      open
      wide
      onClose={onClose}
      title={mailbox ? t("editTitle", { name: mailbox.name }) : t("new")}
      footer={
        <>
          <Button onClick={() => void runTest()} busy={testing.fetching}>
            {t("test")}
          </Button>
          <Button onClick={onClose}>{tc("close")}</Button>
          <Button variant="primary" busy={saving.fetching} onClick={() => void submit()}>
            {tc("save")}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        {error && <Notice tone="error">{errors.message(error)}</Notice>}
        {probe && (
          <div className="space-y-1 rounded-md bg-slate-50 p-3" role="status">
            {probeLine(t("imapResult"), probe.imap)}
            {probe.smtp && probeLine(t("smtpResult"), probe.smtp)}
          </div>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("name")} htmlFor="mb-name" error={fieldError("input.name")}>
            <Input id="mb-name" value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label={t("queue")} htmlFor="mb-queue">
            <Select id="mb-queue" value={queueId} onChange={(e) => setQueueId(e.target.value)}>
              {queues.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.name}
                </option>
              ))}
            </Select>
          </Field>
          <div className="sm:col-span-2">
            <Checkbox label={t("activeLabel")} checked={active} onChange={(e) => setActive(e.target.checked)} />
          </div>
        </div>

        <fieldset className="grid gap-3 rounded-md p-3 ring-1 ring-slate-200 sm:grid-cols-3">
          <legend className="px-1 text-sm font-medium text-slate-700">{t("incoming")}</legend>
          <Field label={t("host")} htmlFor="mb-imap-host" error={fieldError("input.config.imap.host")}>
            <Input id="mb-imap-host" value={c.imap.host} onChange={(e) => imap({ host: e.target.value })} placeholder="imap.example.com" />
          </Field>
          <Field label={t("port")} htmlFor="mb-imap-port">
            <Input id="mb-imap-port" type="number" value={c.imap.port} onChange={(e) => imap({ port: Number(e.target.value) })} />
          </Field>
          <Field label={t("security")} htmlFor="mb-imap-sec">
            {securitySelect("mb-imap-sec", c.imap.security, (security) => imap({ security, port: security === "tls" ? 993 : 143 }))}
          </Field>
          <Field label={t("user")} htmlFor="mb-imap-user" error={fieldError("input.config.imap.user")}>
            <Input id="mb-imap-user" value={c.imap.user} onChange={(e) => imap({ user: e.target.value })} autoComplete="off" />
          </Field>
          <Field label={t("password")} htmlFor="mb-imap-pass" hint={passwordHint(saved?.imap, c.imap)} error={fieldError("input.imapPassword")}>
            <Input id="mb-imap-pass" type="password" value={imapPassword} onChange={(e) => setImapPassword(e.target.value)} autoComplete="new-password" />
          </Field>
          <Field label={t("folder")} htmlFor="mb-imap-folder">
            <Input id="mb-imap-folder" value={c.imap.folder} onChange={(e) => imap({ folder: e.target.value })} />
          </Field>
        </fieldset>

        <fieldset className="grid gap-3 rounded-md p-3 ring-1 ring-slate-200 sm:grid-cols-3">
          <legend className="px-1 text-sm font-medium text-slate-700">{t("outgoing")}</legend>
          <div className="space-y-1 sm:col-span-3">
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="mb-smtp" checked={!c.smtp} onChange={() => setC({ ...c, smtp: null })} /> {t("smtpShared")}
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="mb-smtp" checked={!!c.smtp} onChange={() => smtp({})} /> {t("smtpOwn")}
            </label>
          </div>
          {c.smtp && (
            <>
              <Field label={t("host")} htmlFor="mb-smtp-host" error={fieldError("input.config.smtp.host")}>
                <Input id="mb-smtp-host" value={c.smtp.host} onChange={(e) => smtp({ host: e.target.value })} placeholder="smtp.example.com" />
              </Field>
              <Field label={t("port")} htmlFor="mb-smtp-port">
                <Input id="mb-smtp-port" type="number" value={c.smtp.port} onChange={(e) => smtp({ port: Number(e.target.value) })} />
              </Field>
              <Field label={t("security")} htmlFor="mb-smtp-sec">
                {securitySelect("mb-smtp-sec", c.smtp.security, (security) => smtp({ security, port: security === "tls" ? 465 : 587 }))}
              </Field>
              <Field label={t("user")} htmlFor="mb-smtp-user">
                <Input id="mb-smtp-user" value={c.smtp.user} onChange={(e) => smtp({ user: e.target.value })} autoComplete="off" />
              </Field>
              <Field label={t("password")} htmlFor="mb-smtp-pass" hint={passwordHint(saved?.smtp, c.smtp)} error={fieldError("input.smtpPassword")}>
                <Input id="mb-smtp-pass" type="password" value={smtpPassword} onChange={(e) => setSmtpPassword(e.target.value)} autoComplete="new-password" />
              </Field>
            </>
          )}
          <Field label={t("fromAddress")} htmlFor="mb-from" error={fieldError("input.config.fromAddress")}>
            <Input
              id="mb-from"
              type="email"
              value={c.fromAddress}
              onChange={(e) => setC({ ...c, fromAddress: e.target.value })}
              placeholder="support@example.com"
            />
          </Field>
          <Field label={t("fromName")} htmlFor="mb-from-name">
            <Input id="mb-from-name" value={c.fromName} onChange={(e) => setC({ ...c, fromName: e.target.value })} />
          </Field>
          <Field label={t("maxAttachment")} htmlFor="mb-max">
            <Input
              id="mb-max"
              type="number"
              min={1}
              max={100}
              value={c.maxAttachmentMegabytes}
              onChange={(e) => setC({ ...c, maxAttachmentMegabytes: Number(e.target.value) })}
            />
          </Field>
        </fieldset>

        <fieldset className="space-y-2 rounded-md p-3 ring-1 ring-slate-200">
          <Checkbox
            label={t("ack")}
            checked={c.acknowledgement.enabled}
            onChange={(e) => setC({ ...c, acknowledgement: { ...c.acknowledgement, enabled: e.target.checked } })}
          />
          {c.acknowledgement.enabled && (
            <Field label={t("ackBody")} htmlFor="mb-ack" hint={t("ackHint")}>
              <textarea
                id="mb-ack"
                rows={4}
                value={c.acknowledgement.body}
                onChange={(e) => setC({ ...c, acknowledgement: { ...c.acknowledgement, body: e.target.value } })}
                className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset"
              />
            </Field>
          )}
        </fieldset>
      </div>
    </Dialog>
  );
}
