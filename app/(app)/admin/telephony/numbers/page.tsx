"use client";
// The numbers customers dial (DIDs): each arrives on a SIP trunk and is answered by a queue; a fax
// number by the fax modem, its faxes cases on a queue that takes faxes; a voice number with an IVR
// flow may listen for fax machines while the flow speaks.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../../_components/button.tsx";
import { Checkbox, Field, Input, Select } from "../../../../_components/field.tsx";
import { Notice } from "../../../../_components/notice.tsx";
import { Td } from "../../../../_components/table.tsx";
import { type ResultOf, graphql } from "../../../../_client/graphql.ts";
import { useCan } from "../../../../_client/me.tsx";
import { useErrorText } from "../../../../_client/use-error-text.ts";
import { AdminList } from "../../admin-list.tsx";
import { EditDialog, useEditOutcome } from "../../edit-dialog.tsx";
import { useIssueText } from "../../use-issue-text.ts";

const REFRESH_ON = { additionalTypenames: ["PhoneNumber"] };

const NumbersQuery = graphql(`
  query PhoneNumbers {
    phoneNumbers {
      id
      number
      name
      active
      trunk {
        id
        name
      }
      queue {
        id
        name
      }
      ivrFlow {
        id
        name
      }
      fax
      faxDetect
    }
    ivrFlows {
      id
      name
      publishedVersion
    }
    sipTrunks {
      id
      name
    }
    telephonyQueues {
      id
      name
      channels
    }
  }
`);
const SaveNumber = graphql(`
  mutation SavePhoneNumber($id: ID, $input: PhoneNumberInput!) {
    savePhoneNumber(id: $id, input: $input) {
      id
    }
  }
`);
const DeleteNumber = graphql(`
  mutation DeletePhoneNumber($id: ID!) {
    deletePhoneNumber(id: $id)
  }
`);
type Data = ResultOf<typeof NumbersQuery>;
type PhoneNumber = Data["phoneNumbers"][number];

export default function NumbersPage() {
  const t = useTranslations("admin.telephony.numbers");
  const allowed = useCan()("telephony.manage");
  const [{ data }] = useQuery({ query: NumbersQuery, context: REFRESH_ON, pause: !allowed });
  return (
    <AdminList
      namespace="telephony.numbers"
      allowed={allowed}
      items={data?.phoneNumbers}
      head={[t("number"), t("name"), t("trunk"), t("queue"), t("status"), ""]}
      renderRow={(n, edit) => (
        <tr key={n.id} className={n.active ? undefined : "text-slate-400"} data-testid={`number-${n.number}`}>
          <Td className="font-mono font-medium tabular-nums">
            {n.number}
            {n.fax && (
              <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 font-sans text-xs font-normal text-slate-700" data-testid="fax-number">
                {t("faxTag")}
              </span>
            )}
            {n.faxDetect && (
              <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 font-sans text-xs font-normal text-slate-700" data-testid="fax-detect">
                {t("faxDetectTag")}
              </span>
            )}
          </Td>
          <Td>{n.name === n.number ? "—" : n.name}</Td>
          <Td>{n.trunk?.name ?? "—"}</Td>
          <Td>{n.ivrFlow ? `${n.ivrFlow.name} → ${n.queue.name}` : n.queue.name}</Td>
          <Td>{n.active ? t("active") : t("inactive")}</Td>
          <Td className="text-right">
            <Button size="sm" variant="ghost" onClick={edit}>
              {t("edit")}
            </Button>
          </Td>
        </tr>
      )}
      renderDialog={(n, close) => (
        <NumberDialog number={n} trunks={data?.sipTrunks ?? []} queues={data?.telephonyQueues ?? []} flows={data?.ivrFlows ?? []} onClose={close} />
      )}
    />
  );
}

function NumberDialog({
  number: n,
  trunks,
  queues,
  flows,
  onClose,
}: {
  number: PhoneNumber | null;
  trunks: Data["sipTrunks"];
  queues: Data["telephonyQueues"];
  flows: Data["ivrFlows"];
  onClose: () => void;
}) {
  const t = useTranslations("admin.telephony.numbers");
  const errors = useErrorText();
  const [number, setNumber] = useState(n?.number ?? "");
  const [name, setName] = useState(n && n.name !== n.number ? n.name : "");
  // The lists may arrive after the dialog opened: until a choice is made, the first one is meant.
  const [chosenTrunk, setTrunkId] = useState(n?.trunk?.id ?? "");
  const [chosenQueue, setQueueId] = useState(n?.queue.id ?? "");
  const [fax, setFax] = useState(n?.fax ?? false);
  const [ivrFlowId, setIvrFlowId] = useState(n?.ivrFlow?.id ?? "");
  const [listen, setListen] = useState(n?.faxDetect ?? false);
  // Fax machines are listened for while the flow speaks: a number without a flow cannot.
  const faxDetect = !fax && listen;
  // A fax number's faxes wait in a queue that takes faxes; a voice number rings in one that takes
  // calls (and takes the faxes it hears too, when it listens for them).
  const fitting = queues.filter((q) => (fax ? q.channels.includes("FAX") : q.channels.includes("VOICE") && (!faxDetect || q.channels.includes("FAX"))));
  const trunkId = chosenTrunk || trunks[0]?.id || "";
  const queueId = (fitting.some((q) => q.id === chosenQueue) ? chosenQueue : "") || fitting[0]?.id || "";
  const [active, setActive] = useState(n?.active ?? true);
  const [, save] = useMutation(SaveNumber);
  const [, remove] = useMutation(DeleteNumber);
  const outcome = useEditOutcome(onClose);
  const { issues } = outcome;
  const issueText = useIssueText("admin.telephony.numbers.issues", issues);

  return (
    <EditDialog
      formId="number-form"
      onClose={onClose}
      outcome={outcome}
      title={n ? t("editTitle", { name: n.number }) : t("new")}
      saveDisabled={!trunks.length || !fitting.length}
      onSave={() =>
        outcome.save(() =>
          save({ id: n?.id ?? null, input: { number, name, trunkId, queueId, ivrFlowId: fax ? null : ivrFlowId || null, active, fax, faxDetect } }, REFRESH_ON),
        )
      }
      onDelete={n ? () => outcome.remove(() => remove({ id: n.id }, REFRESH_ON)) : undefined}
      deleteLabel={t("delete")}
    >
      {!trunks.length && <Notice tone="warning">{t("noTrunks")}</Notice>}
      {!fitting.length && <Notice tone="warning">{fax ? t("noFaxQueues") : faxDetect ? t("noVoiceFaxQueues") : t("noQueues")}</Notice>}
      <Field label={t("number")} htmlFor="number-number" hint={t("numberHint")} error={issueText("number")}>
        <Input
          id="number-number"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          placeholder="+48 22 123 45 67"
          className="font-mono"
          invalid={!!issues.number}
        />
      </Field>
      <Field label={t("name")} htmlFor="number-name" hint={t("nameHint")} error={errors.field(issues.name, "name")}>
        <Input id="number-name" value={name} onChange={(e) => setName(e.target.value)} invalid={!!issues.name} />
      </Field>
      <div>
        <Checkbox label={t("faxLabel")} checked={fax} onChange={(e) => setFax(e.target.checked)} aria-describedby="number-fax-hint" data-testid="number-fax" />
        <p id="number-fax-hint" className="mt-1 ml-6 text-xs text-slate-500">
          {t("faxHint")}
        </p>
      </div>
      <Field label={t("trunk")} htmlFor="number-trunk" error={issueText("trunkId")}>
        <Select id="number-trunk" value={trunkId} onChange={(e) => setTrunkId(e.target.value)} invalid={!!issues.trunkId}>
          {trunks.map((tr) => (
            <option key={tr.id} value={tr.id}>
              {tr.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label={t("queue")}
        htmlFor="number-queue"
        hint={fax ? t("queueHintFax") : faxDetect ? t("queueHintFaxDetect") : t("queueHint")}
        error={issueText("queueId")}
      >
        <Select id="number-queue" value={queueId} onChange={(e) => setQueueId(e.target.value)} invalid={!!issues.queueId}>
          {fitting.map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </Select>
      </Field>
      {!fax && (
        <Field label={t("ivrFlow")} htmlFor="number-ivr" hint={t("ivrFlowHint")} error={issueText("ivrFlowId")}>
          <Select id="number-ivr" value={ivrFlowId} onChange={(e) => setIvrFlowId(e.target.value)}>
            <option value="">{t("noIvr")}</option>
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {!fax && (
        <div>
          <Checkbox
            label={t("faxDetectLabel")}
            checked={faxDetect}
            onChange={(e) => setListen(e.target.checked)}
            aria-describedby="number-fax-detect-hint"
            data-testid="number-fax-detect"
          />
          <p id="number-fax-detect-hint" className="mt-1 ml-6 text-xs text-slate-500">
            {t("faxDetectHint")}
          </p>
        </div>
      )}
      <Checkbox label={t("activeLabel")} checked={active} onChange={(e) => setActive(e.target.checked)} />
    </EditDialog>
  );
}
