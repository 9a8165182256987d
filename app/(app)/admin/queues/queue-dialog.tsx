"use client";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Dialog } from "../../../_components/dialog.tsx";
import { Checkbox, Field, Input, Select, Textarea } from "../../../_components/field.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { type ApiError, apiError, fieldIssues } from "../../../_client/errors.ts";
import { graphql } from "../../../_client/graphql.ts";
import { useErrorText } from "../../../_client/use-error-text.ts";
import type { Queue } from "./page.tsx";
import { SkillPicker } from "./skill-picker.tsx";
import { RoutingFields, routingInput, routingValues } from "./routing-fields.tsx";
import { ServiceLevelFields, serviceLevelInput, serviceLevelValues } from "./service-level-fields.tsx";
import { SlaFields, slaInput, slaValue } from "./sla-fields.tsx";
import { WallboardFields, wallboardInput, wallboardValue } from "./wallboard-fields.tsx";
import { WORKING_CHANNELS } from "../../../../domain/queues/working-channels.ts";

const SaveQueue = graphql(`
  mutation SaveQueue($id: ID, $input: QueueInput!) {
    saveQueue(id: $id, input: $input) {
      id
    }
  }
`);
const MusicQuery = graphql(`
  query QueueMusic {
    audioFiles(kind: MUSIC) {
      id
      name
    }
  }
`);
const DeleteQueue = graphql(`
  mutation DeleteQueue($id: ID!) {
    deleteQueue(id: $id)
  }
`);
const MUSIC_REFRESH = { additionalTypenames: ["AudioFile"] };
const CHANNELS = ["VOICE", "CHAT", "EMAIL", "SMS", "FAX"] as const;
/** A typed whole number; anything else becomes -1, which the server refuses in words. */
const whole = (v: string) => (/^\s*-?\d+\s*$/.test(v) ? Number.parseInt(v, 10) : -1);
type Channel = (typeof CHANNELS)[number];

export function QueueDialog({
  queue,
  people,
  queues,
  onClose,
}: {
  queue: Queue | null;
  people: { id: string; name: string; username: string }[];
  queues: { id: string; name: string }[];
  onClose: () => void;
}) {
  const t = useTranslations("admin.queues");
  const tc = useTranslations("common");
  const tch = useTranslations("channel");
  const errors = useErrorText();
  const [name, setName] = useState(queue?.name ?? "");
  const [description, setDescription] = useState(queue?.description ?? "");
  const [channels, setChannels] = useState<Channel[]>(queue?.channels ?? ["VOICE"]);
  const [priority, setPriority] = useState(String(queue?.priority ?? 50));
  const [active, setActive] = useState(queue?.active ?? true);
  const [members, setMembers] = useState(new Map(queue?.members.map((m) => [m.user.id, m.skillLevel]) ?? []));
  const [routing, setRouting] = useState(routingValues(queue));
  const [signature, setSignature] = useState(queue?.emailSignature ?? "");
  const [recordingPolicy, setRecordingPolicy] = useState(queue?.recordingPolicy ?? "NONE");
  const [recordNumbers, setRecordNumbers] = useState((queue?.recordNumbers ?? []).join("\n"));
  const [retention, setRetention] = useState(queue?.recordingRetentionDays == null ? "" : String(queue.recordingRetentionDays));
  const [wrapUp, setWrapUp] = useState(String(queue?.wrapUpSeconds ?? 0));
  const [serviceLevel, setServiceLevel] = useState(serviceLevelValues(queue));
  const [requireDisposition, setRequireDisposition] = useState(queue?.requireDisposition ?? false);
  const [announce, setAnnounce] = useState(queue?.announceEverySeconds ? String(queue.announceEverySeconds) : "");
  const [musicOnHoldId, setMusicOnHoldId] = useState(queue?.musicOnHoldId ?? "");
  const [sla, setSla] = useState(slaValue(queue?.sla));
  const [board, setBoard] = useState(wallboardValue(queue?.wallboard));
  const [{ data: music }] = useQuery({ query: MusicQuery, context: MUSIC_REFRESH });
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, save] = useMutation(SaveQueue);
  const [, remove] = useMutation(DeleteQueue);
  const issues = fieldIssues(error);
  const done = (err: ApiError | null) => (setError(err), !err && onClose());
  /** This dialog's own wording for its fields' issues, else the common one. */
  const issueText = (field: "recordNumbers" | "recordingRetentionDays" | "wrapUpSeconds" | "announceEverySeconds") => {
    const issue = issues[field];
    const key = `issues.${field}.${issue?.code}`;
    if (issue && t.has(key)) return t(key, { numbers: "", count: 0, maximum: 0, ...(issue.params as Record<string, string | number>) });
    return errors.field(issue, field);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = {
      name,
      description,
      channels,
      priority: Number.parseInt(priority, 10) || 0,
      active,
      members: [...members].map(([userId, skillLevel]) => ({ userId, skillLevel })),
      ...routingInput(routing),
      emailSignature: signature,
      recordingPolicy,
      // Kept while another policy is chosen, so switching back does not lose the list.
      recordNumbers: recordNumbers.split("\n").filter((n) => n.trim()),
      recordingRetentionDays: retention.trim() === "" ? null : whole(retention),
      wrapUpSeconds: wrapUp.trim() === "" ? 0 : whole(wrapUp),
      ...serviceLevelInput(serviceLevel),
      requireDisposition,
      announceEverySeconds: announce.trim() === "" ? null : whole(announce),
      musicOnHoldId: musicOnHoldId || null,
      sla: slaInput(sla),
      wallboard: wallboardInput(board),
    };
    done(apiError((await save({ id: queue?.id ?? null, input })).error));
  }

  return (
    <Dialog
      open
      wide
      onClose={onClose}
      title={queue ? t("editTitle", { name: queue.name }) : t("new")}
      footer={
        <>
          {queue && (
            <Button
              variant="danger"
              className="mr-auto"
              onClick={async () => done(apiError((await remove({ id: queue.id }, { additionalTypenames: ["Queue"] })).error))}
            >
              {tc("delete")}
            </Button>
          )}
          <Button onClick={onClose}>{tc("cancel")}</Button>
          <Button variant="primary" type="submit" form="queue-form" busy={saving.fetching}>
            {tc("save")}
          </Button>
        </>
      }
    >
      <form id="queue-form" onSubmit={submit} className="space-y-4" noValidate>
        {error && <Notice tone="error">{errors.message(error)}</Notice>}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("name")} htmlFor="queue-name" error={errors.field(issues.name, "name")}>
            <Input id="queue-name" value={name} onChange={(e) => setName(e.target.value)} invalid={!!issues.name} />
          </Field>
          <Field label={t("priority")} htmlFor="queue-priority" error={errors.field(issues.priority, "priority")} hint={t("priorityHint")}>
            <Input
              id="queue-priority"
              type="number"
              min={1}
              max={100}
              value={priority}
              onChange={(e) => setPriority(e.target.value)}
              invalid={!!issues.priority}
            />
          </Field>
          <div className="sm:col-span-2">
            <Field label={t("queueDescription")} htmlFor="queue-desc">
              <Input id="queue-desc" value={description} onChange={(e) => setDescription(e.target.value)} />
            </Field>
          </div>
        </div>
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-700">{t("channels")}</legend>
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            {CHANNELS.filter((c) => WORKING_CHANNELS.includes(c) || queue?.channels.includes(c)).map((c) => (
              <Checkbox
                key={c}
                label={tch(c)}
                checked={channels.includes(c)}
                onChange={(e) => setChannels(e.target.checked ? [...channels, c] : channels.filter((x) => x !== c))}
              />
            ))}
          </div>
          {issues.channels && (
            <p className="mt-1 text-sm text-red-600" role="alert">
              {errors.field(issues.channels, "channels")}
            </p>
          )}
        </fieldset>
        <Checkbox label={t("activeLabel")} checked={active} onChange={(e) => setActive(e.target.checked)} />
        <RoutingFields value={routing} onChange={setRouting} otherQueues={queues.filter((q) => q.id !== queue?.id)} error={(f) => errors.field(issues[f], f)} />
        <SlaFields
          value={sla}
          onChange={setSla}
          channels={CHANNELS.filter((c) => channels.includes(c))}
          error={errors.field(issues.firstResponseMinutes ?? issues.resolutionMinutes ?? issues.holidays ?? issues.from, "sla")}
        />
        <WallboardFields
          value={board}
          onChange={setBoard}
          error={Object.entries(issues).find(([k]) => ["amber", "red", "wallboard"].includes(k))?.[1] ? errors.message(error!) : null}
        />
        {channels.includes("VOICE") && (
          <fieldset className="grid gap-4 rounded-lg bg-slate-50 p-4 sm:grid-cols-2">
            <legend className="px-1 text-sm font-semibold text-slate-800">{t("callSettings")}</legend>
            <Field label={t("recording")} htmlFor="queue-recording" hint={t("recordingHint")}>
              <Select id="queue-recording" value={recordingPolicy} onChange={(e) => setRecordingPolicy(e.target.value as typeof recordingPolicy)}>
                {(["NONE", "ALL", "INBOUND", "OUTBOUND", "LISTED", "ON_DEMAND"] as const).map((p) => (
                  <option key={p} value={p}>
                    {t(`recordingPolicy.${p}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("recordingRetention")} htmlFor="queue-retention" hint={t("recordingRetentionHint")} error={issueText("recordingRetentionDays")}>
              <Input
                id="queue-retention"
                type="number"
                min={1}
                max={36500}
                value={retention}
                onChange={(e) => setRetention(e.target.value)}
                invalid={!!issues.recordingRetentionDays}
              />
            </Field>
            {(recordingPolicy === "LISTED" || issues.recordNumbers) && (
              <div className="sm:col-span-2">
                <Field label={t("recordNumbers")} htmlFor="queue-record-numbers" hint={t("recordNumbersHint")} error={issueText("recordNumbers")}>
                  <Textarea
                    id="queue-record-numbers"
                    rows={4}
                    value={recordNumbers}
                    onChange={(e) => setRecordNumbers(e.target.value)}
                    placeholder={"+48 123 456 789\n+44 20 7946 0958"}
                    className="font-mono"
                    invalid={!!issues.recordNumbers}
                  />
                </Field>
              </div>
            )}
            <Field label={t("wrapUp")} htmlFor="queue-wrap-up" hint={t("wrapUpHint")} error={issueText("wrapUpSeconds")}>
              <Input
                id="queue-wrap-up"
                type="number"
                min={0}
                max={3600}
                value={wrapUp}
                onChange={(e) => setWrapUp(e.target.value)}
                invalid={!!issues.wrapUpSeconds}
              />
            </Field>
            <ServiceLevelFields value={serviceLevel} onChange={setServiceLevel} issues={issues} />
            <div className="flex items-end pb-2">
              <Checkbox label={t("requireDisposition")} checked={requireDisposition} onChange={(e) => setRequireDisposition(e.target.checked)} />
            </div>
            <Field label={t("musicOnHold")} htmlFor="queue-music" hint={t("musicOnHoldHint")} error={errors.field(issues.musicOnHoldId, "musicOnHoldId")}>
              <Select id="queue-music" value={musicOnHoldId} onChange={(e) => setMusicOnHoldId(e.target.value)} invalid={!!issues.musicOnHoldId}>
                <option value="">{t("standardMusic")}</option>
                {/* Chosen before the list arrived (or no longer listed): still shown, not silently dropped. */}
                {musicOnHoldId && !music?.audioFiles.some((m) => m.id === musicOnHoldId) && (
                  <option value={musicOnHoldId}>{music ? t("missingMusic") : "…"}</option>
                )}
                {music?.audioFiles.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("announce")} htmlFor="queue-announce" hint={t("announceHint")} error={issueText("announceEverySeconds")}>
              <Input
                id="queue-announce"
                type="number"
                min={10}
                max={600}
                value={announce}
                onChange={(e) => setAnnounce(e.target.value)}
                invalid={!!issues.announceEverySeconds}
              />
            </Field>
          </fieldset>
        )}
        {channels.includes("EMAIL") && (
          <Field
            label={t("emailSignature")}
            htmlFor="queue-signature"
            hint={t("emailSignatureHint")}
            error={errors.field(issues.emailSignature, "emailSignature")}
          >
            <Textarea id="queue-signature" rows={3} value={signature} onChange={(e) => setSignature(e.target.value)} invalid={!!issues.emailSignature} />
          </Field>
        )}
        <SkillPicker people={people} members={members} onChange={setMembers} />
      </form>
    </Dialog>
  );
}
