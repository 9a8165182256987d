"use client";
// One SIP trunk: the provider's address, the account, caller IDs, codecs and limits. The password
// is write-only: left empty, the saved one stays.
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Dialog } from "../../../_components/dialog.tsx";
import { Checkbox, Field, Input, SecretField, Select, Textarea } from "../../../_components/field.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { type ApiError, apiError, fieldIssues } from "../../../_client/errors.ts";
import { graphql } from "../../../_client/graphql.ts";
import { useErrorText } from "../../../_client/use-error-text.ts";
import type { Trunk } from "./page.tsx";
import { useIssueText } from "../use-issue-text.ts";

const SaveTrunk = graphql(`
  mutation SaveSipTrunk($id: ID, $input: SipTrunkInput!) {
    saveSipTrunk(id: $id, input: $input) {
      id
    }
  }
`);
const DeleteTrunk = graphql(`
  mutation DeleteSipTrunk($id: ID!) {
    deleteSipTrunk(id: $id)
  }
`);

type Codec = "PCMA" | "PCMU";
const CODEC_CHOICES: Record<string, Codec[]> = { PCMA_PCMU: ["PCMA", "PCMU"], PCMU_PCMA: ["PCMU", "PCMA"], PCMA: ["PCMA"], PCMU: ["PCMU"] };
const int = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v) : Number.NaN);

export function TrunkDialog({ trunk, onClose }: { trunk: Trunk | null; onClose: () => void }) {
  const t = useTranslations("admin.telephony.trunks");
  const tc = useTranslations("common");
  const errors = useErrorText();
  const [name, setName] = useState(trunk?.name ?? "");
  const [host, setHost] = useState(trunk?.host ?? "");
  const [proxy, setProxy] = useState(trunk?.proxy ?? "");
  const [username, setUsername] = useState(trunk?.username ?? "");
  const [authUser, setAuthUser] = useState(trunk?.authUser ?? "");
  const [secret, setSecret] = useState("");
  const [register, setRegister] = useState(trunk?.register ?? true);
  const [callerIds, setCallerIds] = useState((trunk?.callerIds ?? []).join("\n"));
  const [codecs, setCodecs] = useState((trunk?.codecs ?? ["PCMA", "PCMU"]).join("_"));
  const [maxCalls, setMaxCalls] = useState(String(trunk?.maxCalls ?? 30));
  const [perMinute, setPerMinute] = useState(String(trunk?.callsPerMinute ?? 30));
  const [callerIdInFrom, setCallerIdInFrom] = useState(trunk?.callerIdInFrom ?? true);
  const [sources, setSources] = useState((trunk?.allowedSources ?? []).join("\n"));
  const [active, setActive] = useState(trunk?.active ?? true);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, save] = useMutation(SaveTrunk);
  const [deleting, remove] = useMutation(DeleteTrunk);
  const issues = fieldIssues(error);
  const issueText = useIssueText("admin.telephony.trunks.issues", issues);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = {
      name,
      host,
      proxy,
      username,
      authUser,
      secret,
      register,
      callerIds: callerIds.split("\n").filter((n) => n.trim()),
      codecs: CODEC_CHOICES[codecs] ?? ["PCMA", "PCMU"],
      maxCalls: int(maxCalls) || 0,
      callsPerMinute: int(perMinute) || 0,
      callerIdInFrom,
      allowedSources: sources.split(/[\n,]/).map((s) => s.trim()).filter(Boolean),
      active,
    };
    const err = apiError((await save({ id: trunk?.id ?? null, input }, { additionalTypenames: ["SipTrunk"] })).error);
    setError(err);
    if (!err) onClose();
  }
  async function runDelete() {
    const err = apiError((await remove({ id: trunk!.id }, { additionalTypenames: ["SipTrunk"] })).error);
    setError(err);
    setConfirmDelete(false);
    if (!err) onClose();
  }

  return (
    <Dialog
      open
      wide
      onClose={onClose}
      title={trunk ? t("editTitle", { name: trunk.name }) : t("new")}
      footer={
        <>
          {trunk && (
            <Button variant="danger" className="mr-auto" onClick={() => setConfirmDelete(true)}>
              {t("delete")}
            </Button>
          )}
          <Button onClick={onClose}>{tc("cancel")}</Button>
          <Button variant="primary" type="submit" form="trunk-form" busy={saving.fetching}>
            {tc("save")}
          </Button>
        </>
      }
    >
      <form id="trunk-form" onSubmit={submit} className="space-y-4" noValidate>
        {error && <Notice tone="error">{errors.message(error)}</Notice>}
        {confirmDelete && trunk && (
          <Notice tone="warning">
            <p>{t("deleteConfirm", { name: trunk.name })}</p>
            <div className="mt-2 flex gap-2">
              <Button size="sm" variant="danger" busy={deleting.fetching} onClick={() => void runDelete()}>
                {tc("delete")}
              </Button>
              <Button size="sm" onClick={() => setConfirmDelete(false)}>
                {tc("cancel")}
              </Button>
            </div>
          </Notice>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("name")} htmlFor="trunk-name" error={errors.field(issues.name, "name")}>
            <Input id="trunk-name" value={name} onChange={(e) => setName(e.target.value)} invalid={!!issues.name} />
          </Field>
          <div className="flex items-end pb-2">
            <Checkbox label={t("activeLabel")} checked={active} onChange={(e) => setActive(e.target.checked)} />
          </div>
        </div>

        <fieldset className="grid gap-3 rounded-md p-3 ring-1 ring-slate-200 sm:grid-cols-2">
          <legend className="px-1 text-sm font-medium text-slate-700">{t("provider")}</legend>
          <Field label={t("host")} htmlFor="trunk-host" hint={t("hostHint")} error={issueText("host")}>
            <Input id="trunk-host" value={host} onChange={(e) => setHost(e.target.value)} placeholder="sip.provider.com:5060" invalid={!!issues.host} />
          </Field>
          <Field label={t("proxy")} htmlFor="trunk-proxy" hint={t("proxyHint")} error={issueText("proxy")}>
            <Input id="trunk-proxy" value={proxy} onChange={(e) => setProxy(e.target.value)} invalid={!!issues.proxy} />
          </Field>
          <Field label={t("username")} htmlFor="trunk-user" error={issueText("username")}>
            <Input id="trunk-user" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" invalid={!!issues.username} />
          </Field>
          <Field label={t("authUser")} htmlFor="trunk-auth-user" hint={t("authUserHint")} error={issueText("authUser")}>
            <Input id="trunk-auth-user" value={authUser} onChange={(e) => setAuthUser(e.target.value)} autoComplete="off" invalid={!!issues.authUser} />
          </Field>
          <SecretField
            id="trunk-secret"
            label={t("secret")}
            hint={trunk?.hasSecret ? t("secretKeep") : t("secretHint")}
            stored={!!trunk?.hasSecret}
            error={issueText("secret")}
            value={secret}
            onChange={setSecret}
          />
          <div className="flex items-end pb-2">
            <Checkbox label={t("register")} checked={register} onChange={(e) => setRegister(e.target.checked)} />
          </div>
        </fieldset>

        <fieldset className="grid gap-3 rounded-md p-3 ring-1 ring-slate-200 sm:grid-cols-3">
          <legend className="px-1 text-sm font-medium text-slate-700">{t("calls")}</legend>
          <div className="sm:col-span-3">
            <Field label={t("callerIds")} htmlFor="trunk-caller-ids" hint={t("callerIdsHint")} error={issueText("callerIds")}>
              <Textarea
                id="trunk-caller-ids"
                rows={3}
                value={callerIds}
                onChange={(e) => setCallerIds(e.target.value)}
                placeholder="+48 22 123 45 67"
                className="font-mono"
                invalid={!!issues.callerIds}
              />
            </Field>
            <Checkbox label={t("callerIdInFrom")} checked={callerIdInFrom} onChange={(e) => setCallerIdInFrom(e.target.checked)} />
          </div>
          <Field label={t("codecs")} htmlFor="trunk-codecs" hint={t("codecsHint")} error={issueText("codecs")}>
            <Select id="trunk-codecs" value={codecs} onChange={(e) => setCodecs(e.target.value)}>
              {Object.keys(CODEC_CHOICES).map((k) => (
                <option key={k} value={k}>
                  {t(`codecChoice.${k}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("maxCalls")} htmlFor="trunk-max" hint={t("maxCallsHint")} error={issueText("maxCalls")}>
            <Input id="trunk-max" type="number" min={1} max={1000} value={maxCalls} onChange={(e) => setMaxCalls(e.target.value)} invalid={!!issues.maxCalls} />
          </Field>
          <Field label={t("callsPerMinute")} htmlFor="trunk-rate" hint={t("callsPerMinuteHint")} error={issueText("callsPerMinute")}>
            <Input
              id="trunk-rate"
              type="number"
              min={1}
              max={10000}
              value={perMinute}
              onChange={(e) => setPerMinute(e.target.value)}
              invalid={!!issues.callsPerMinute}
            />
          </Field>
          <div className="sm:col-span-3">
            <Field label={t("allowedSources")} htmlFor="trunk-sources" hint={t("allowedSourcesHint")} error={issueText("allowedSources")}>
              <Textarea
                id="trunk-sources"
                rows={2}
                value={sources}
                onChange={(e) => setSources(e.target.value)}
                placeholder="192.0.2.0/24"
                className="font-mono"
                invalid={!!issues.allowedSources}
              />
            </Field>
          </div>
        </fieldset>
      </form>
    </Dialog>
  );
}
