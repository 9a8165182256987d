"use client";
// SMS for admins: the accounts at providers (an SMPP bind, or an HTTP provider with the webhook
// address to give it; the link's state as the node holding it last saw it, with the provider's
// reason when down) and the numbers customers text, each on an
// account and answered by a queue.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Checkbox, Field, Input, SecretField, Select } from "../../../_components/field.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { Td } from "../../../_components/table.tsx";
import { type ResultOf, graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { AdminList } from "../admin-list.tsx";
import { EditDialog, useEditOutcome } from "../edit-dialog.tsx";
import { useIssueText } from "../use-issue-text.ts";

const REFRESH_ON = { additionalTypenames: ["SmsAccount", "SmsNumber"] };

const SmsQuery = graphql(`
  query SmsAdmin {
    smsAccounts {
      id
      name
      kind
      host
      port
      systemId
      url
      webhookUrl
      hasSecret
      hasWebhookSecret
      systemType
      ratePerSecond
      window
      active
      status
      statusDetail
    }
    smsNumbers {
      id
      number
      name
      active
      threadHours
      account {
        id
        name
      }
      queue {
        id
        name
      }
    }
    smsQueues {
      id
      name
    }
  }
`);
const SaveAccount = graphql(`
  mutation SaveSmsAccount($id: ID, $input: SmsAccountInput!) {
    saveSmsAccount(id: $id, input: $input) {
      id
    }
  }
`);
const DeleteAccount = graphql(`
  mutation DeleteSmsAccount($id: ID!) {
    deleteSmsAccount(id: $id)
  }
`);
const SaveNumber = graphql(`
  mutation SaveSmsNumber($id: ID, $input: SmsNumberInput!) {
    saveSmsNumber(id: $id, input: $input) {
      id
    }
  }
`);
const DeleteNumber = graphql(`
  mutation DeleteSmsNumber($id: ID!) {
    deleteSmsNumber(id: $id)
  }
`);
type Data = ResultOf<typeof SmsQuery>;
type Account = Data["smsAccounts"][number];
type SmsNumber = Data["smsNumbers"][number];

const STATUS_TONE: Record<Account["status"], string> = {
  BOUND: "text-emerald-700",
  CONNECTING: "text-slate-600",
  DOWN: "text-red-700",
  OFF: "text-slate-400",
};

export default function SmsAdminPage() {
  const t = useTranslations("admin.sms");
  const allowed = useCan()("entry_points.manage");
  const [{ data }] = useQuery({ query: SmsQuery, context: REFRESH_ON, pause: !allowed });
  return (
    <div className="space-y-10">
      <AdminList
        namespace="sms.accounts"
        allowed={allowed}
        items={data?.smsAccounts}
        head={[t("accounts.name"), t("accounts.server"), t("accounts.rate"), t("accounts.status"), ""]}
        renderRow={(a, edit) => (
          <tr key={a.id} className={a.active ? undefined : "text-slate-400"} data-testid={`sms-account-${a.name}`}>
            <Td className="font-medium">{a.name}</Td>
            <Td className="font-mono">
              {a.kind === "HTTP" ? (
                a.url
              ) : (
                <>
                  {a.systemId}@{a.host}:{a.port}
                </>
              )}
            </Td>
            <Td className="tabular-nums">{t("accounts.perSecond", { rate: a.ratePerSecond })}</Td>
            <Td>
              <span className={STATUS_TONE[a.status]} data-testid="sms-link" data-status={a.status}>
                {a.kind === "HTTP" && a.status === "BOUND" ? t("accounts.states.READY") : t(`accounts.states.${a.status}`)}
              </span>
              {a.status === "DOWN" && a.statusDetail && <span className="block text-xs text-red-700">{a.statusDetail}</span>}
            </Td>
            <Td className="text-right">
              <Button size="sm" variant="ghost" onClick={edit}>
                {t("accounts.edit")}
              </Button>
            </Td>
          </tr>
        )}
        renderDialog={(a, close) => <AccountDialog account={a} onClose={close} />}
      />
      {allowed && (
        <AdminList
          namespace="sms.numbers"
          allowed={allowed}
          items={data?.smsNumbers}
          head={[t("numbers.number"), t("numbers.name"), t("numbers.account"), t("numbers.queue"), t("numbers.thread"), ""]}
          renderRow={(n, edit) => (
            <tr key={n.id} className={n.active ? undefined : "text-slate-400"} data-testid={`sms-number-${n.number}`}>
              <Td className="font-mono font-medium tabular-nums">{n.number}</Td>
              <Td>{n.name === n.number ? "—" : n.name}</Td>
              <Td>{n.account?.name ?? "—"}</Td>
              <Td>{n.queue.name}</Td>
              <Td className="tabular-nums">{t("numbers.hours", { hours: n.threadHours })}</Td>
              <Td className="text-right">
                <Button size="sm" variant="ghost" onClick={edit}>
                  {t("numbers.edit")}
                </Button>
              </Td>
            </tr>
          )}
          renderDialog={(n, close) => <NumberDialog number={n} accounts={data?.smsAccounts ?? []} queues={data?.smsQueues ?? []} onClose={close} />}
        />
      )}
    </div>
  );
}

function AccountDialog({ account: a, onClose }: { account: Account | null; onClose: () => void }) {
  const t = useTranslations("admin.sms.accounts");
  const errors = useErrorText();
  const [name, setName] = useState(a?.name ?? "");
  const [kind, setKind] = useState<Account["kind"]>(a?.kind ?? "SMPP");
  const [url, setUrl] = useState(a?.url ?? "");
  const [webhookSecret, setWebhookSecret] = useState("");
  const [host, setHost] = useState(a?.host ?? "");
  const [port, setPort] = useState(String(a?.port ?? 2775));
  const [systemId, setSystemId] = useState(a?.systemId ?? "");
  const [secret, setSecret] = useState("");
  const [systemType, setSystemType] = useState(a?.systemType ?? "");
  const [rate, setRate] = useState(String(a?.ratePerSecond ?? 30));
  const [window, setWindow] = useState(String(a?.window ?? 10));
  const [active, setActive] = useState(a?.active ?? true);
  const [, save] = useMutation(SaveAccount);
  const [, remove] = useMutation(DeleteAccount);
  const outcome = useEditOutcome(onClose);
  const { issues } = outcome;
  const issue = (f: string) => errors.field(issues[f], f);
  // A stored password or token is kept only for the same kind of provider.
  const kept = !!a?.hasSecret && a.kind === kind;
  return (
    <EditDialog
      formId="sms-account-form"
      onClose={onClose}
      outcome={outcome}
      title={a ? t("editTitle", { name: a.name }) : t("new")}
      onSave={() =>
        outcome.save(() =>
          save(
            {
              id: a?.id ?? null,
              input: {
                name,
                kind,
                ...(kind === "HTTP" ? { url, webhookSecret } : { host, port: Number(port) || 0, systemId, systemType }),
                secret,
                ratePerSecond: Number(rate) || 0,
                window: Number(window) || 0,
                active,
              },
            },
            REFRESH_ON,
          ),
        )
      }
      onDelete={a ? () => outcome.remove(() => remove({ id: a.id }, REFRESH_ON)) : undefined}
      deleteLabel={t("delete")}
    >
      <Field label={t("name")} htmlFor="sms-name" error={issue("name")}>
        <Input id="sms-name" value={name} onChange={(e) => setName(e.target.value)} invalid={!!issues.name} />
      </Field>
      <Field label={t("kind")} htmlFor="sms-kind">
        <Select id="sms-kind" value={kind} onChange={(e) => setKind(e.target.value as Account["kind"])}>
          <option value="SMPP">{t("kinds.SMPP")}</option>
          <option value="HTTP">{t("kinds.HTTP")}</option>
        </Select>
      </Field>
      {kind === "SMPP" ? (
        <>
          <div className="grid grid-cols-[1fr_7rem] gap-3">
            <Field label={t("host")} htmlFor="sms-host" hint={t("hostHint")} error={issue("host")}>
              <Input id="sms-host" value={host} onChange={(e) => setHost(e.target.value)} className="font-mono" invalid={!!issues.host} />
            </Field>
            <Field label={t("port")} htmlFor="sms-port" error={issue("port")}>
              <Input id="sms-port" type="number" value={port} onChange={(e) => setPort(e.target.value)} invalid={!!issues.port} />
            </Field>
          </div>
          <div className="grid grid-cols-2 gap-3">
            <Field label={t("systemId")} htmlFor="sms-system-id" error={issue("systemId")}>
              <Input id="sms-system-id" value={systemId} onChange={(e) => setSystemId(e.target.value)} autoComplete="off" invalid={!!issues.systemId} />
            </Field>
            <SecretField
              id="sms-secret"
              label={t("secret")}
              hint={kept ? t("secretKept") : undefined}
              stored={kept}
              error={issue("secret")}
              value={secret}
              onChange={setSecret}
            />
          </div>
          <Field label={t("systemType")} htmlFor="sms-system-type" error={issue("systemType")}>
            <Input id="sms-system-type" value={systemType} onChange={(e) => setSystemType(e.target.value)} invalid={!!issues.systemType} />
          </Field>
        </>
      ) : (
        <>
          <Field label={t("url")} htmlFor="sms-url" hint={t("urlHint")} error={issue("url")}>
            <Input id="sms-url" value={url} onChange={(e) => setUrl(e.target.value)} className="font-mono" placeholder="https://" invalid={!!issues.url} />
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <SecretField
              id="sms-token"
              label={t("token")}
              hint={kept ? t("tokenKept") : undefined}
              stored={kept}
              error={issue("secret")}
              value={secret}
              onChange={setSecret}
            />
            <SecretField
              id="sms-webhook-secret"
              label={t("webhookSecret")}
              hint={a?.hasWebhookSecret ? t("tokenKept") : t("webhookSecretHint")}
              stored={!!a?.hasWebhookSecret}
              error={issue("webhookSecret")}
              value={webhookSecret}
              onChange={setWebhookSecret}
            />
          </div>
          {a?.kind === "HTTP" ? (
            <div className="rounded border border-slate-200 bg-slate-50 p-3 text-sm">
              <p className="text-slate-600">{t("webhookUrl")}</p>
              <p className="mt-1 font-mono break-all select-all" data-testid="sms-webhook-url">
                {a.webhookUrl}
              </p>
            </div>
          ) : (
            <p className="text-sm text-slate-600">{t("webhookUrlAfterSave")}</p>
          )}
        </>
      )}
      <div className="grid grid-cols-2 gap-3">
        <Field label={t("rate")} htmlFor="sms-rate" hint={t("rateHint")} error={issue("ratePerSecond")}>
          <Input id="sms-rate" type="number" value={rate} onChange={(e) => setRate(e.target.value)} invalid={!!issues.ratePerSecond} />
        </Field>
        <Field label={t("window")} htmlFor="sms-window" hint={t("windowHint")} error={issue("window")}>
          <Input id="sms-window" type="number" value={window} onChange={(e) => setWindow(e.target.value)} invalid={!!issues.window} />
        </Field>
      </div>
      <Checkbox label={t("activeLabel")} checked={active} onChange={(e) => setActive(e.target.checked)} />
    </EditDialog>
  );
}

function NumberDialog({
  number: n,
  accounts,
  queues,
  onClose,
}: {
  number: SmsNumber | null;
  accounts: Account[];
  queues: Data["smsQueues"];
  onClose: () => void;
}) {
  const t = useTranslations("admin.sms.numbers");
  const errors = useErrorText();
  const [number, setNumber] = useState(n?.number ?? "");
  const [name, setName] = useState(n && n.name !== n.number ? n.name : "");
  const [chosenAccount, setAccountId] = useState(n?.account?.id ?? "");
  const [chosenQueue, setQueueId] = useState(n?.queue.id ?? "");
  const accountId = chosenAccount || accounts[0]?.id || "";
  const queueId = chosenQueue || queues[0]?.id || "";
  const [threadHours, setThreadHours] = useState(String(n?.threadHours ?? 72));
  const [active, setActive] = useState(n?.active ?? true);
  const [, save] = useMutation(SaveNumber);
  const [, remove] = useMutation(DeleteNumber);
  const outcome = useEditOutcome(onClose);
  const { issues } = outcome;
  const issueText = useIssueText("admin.sms.numbers.issues", issues);
  return (
    <EditDialog
      formId="sms-number-form"
      onClose={onClose}
      outcome={outcome}
      title={n ? t("editTitle", { name: n.number }) : t("new")}
      saveDisabled={!accounts.length || !queues.length}
      onSave={() =>
        outcome.save(() => save({ id: n?.id ?? null, input: { number, name, accountId, queueId, threadHours: Number(threadHours) || 0, active } }, REFRESH_ON))
      }
      onDelete={n ? () => outcome.remove(() => remove({ id: n.id }, REFRESH_ON)) : undefined}
      deleteLabel={t("delete")}
    >
      {!accounts.length && <Notice tone="warning">{t("noAccounts")}</Notice>}
      {!queues.length && <Notice tone="warning">{t("noQueues")}</Notice>}
      <Field label={t("number")} htmlFor="sms-number" hint={t("numberHint")} error={issueText("number")}>
        <Input
          id="sms-number"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          placeholder="+48 22 123 45 67"
          className="font-mono"
          invalid={!!issues.number}
        />
      </Field>
      <Field label={t("name")} htmlFor="sms-number-name" hint={t("nameHint")} error={errors.field(issues.name, "name")}>
        <Input id="sms-number-name" value={name} onChange={(e) => setName(e.target.value)} invalid={!!issues.name} />
      </Field>
      <Field label={t("account")} htmlFor="sms-number-account" error={issueText("accountId")}>
        <Select id="sms-number-account" value={accountId} onChange={(e) => setAccountId(e.target.value)} invalid={!!issues.accountId}>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("queue")} htmlFor="sms-number-queue" hint={t("queueHint")} error={issueText("queueId")}>
        <Select id="sms-number-queue" value={queueId} onChange={(e) => setQueueId(e.target.value)} invalid={!!issues.queueId}>
          {queues.map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("thread")} htmlFor="sms-number-thread" hint={t("threadHint")} error={issueText("threadHours")}>
        <Input id="sms-number-thread" type="number" value={threadHours} onChange={(e) => setThreadHours(e.target.value)} invalid={!!issues.threadHours} />
      </Field>
      <Checkbox label={t("activeLabel")} checked={active} onChange={(e) => setActive(e.target.checked)} />
    </EditDialog>
  );
}
