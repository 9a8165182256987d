"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Field, Input } from "../../../_components/field.tsx";
import { MemberPicker } from "../../../_components/member-picker.tsx";
import { Td } from "../../../_components/table.tsx";
import { type ResultOf, graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { AdminList } from "../admin-list.tsx";
import { EditDialog, useEditOutcome } from "../edit-dialog.tsx";

// Refetch after any Team change, even while the list is empty (urql sees typenames only in results).
const REFRESH_ON = { additionalTypenames: ["Team"] };

const TeamsQuery = graphql(`
  query AdminTeams {
    teams {
      id
      name
      description
      members {
        lead
        user {
          id
          name
          username
        }
      }
    }
    users {
      id
      name
      username
    }
  }
`);
const SaveTeam = graphql(`
  mutation SaveTeam($id: ID, $input: TeamInput!) {
    saveTeam(id: $id, input: $input) {
      id
    }
  }
`);
const DeleteTeam = graphql(`
  mutation DeleteTeam($id: ID!) {
    deleteTeam(id: $id)
  }
`);

type Team = ResultOf<typeof TeamsQuery>["teams"][number];

export default function TeamsPage() {
  const t = useTranslations("admin.teams");
  const can = useCan();
  const [{ data }] = useQuery({ query: TeamsQuery, context: REFRESH_ON, pause: !can("teams.manage") });
  return (
    <AdminList
      namespace="teams"
      allowed={can("teams.manage")}
      items={data?.teams}
      head={[t("name"), t("leads"), t("members"), ""]}
      renderRow={(team, edit) => (
        <tr key={team.id}>
          <Td>
            <span className="font-medium">{team.name}</span>
            {team.description && <span className="block text-xs text-slate-500">{team.description}</span>}
          </Td>
          <Td>
            {team.members
              .filter((m) => m.lead)
              .map((m) => m.user.name)
              .join(", ") || "—"}
          </Td>
          <Td>{team.members.length}</Td>
          <Td className="text-right">
            <Button size="sm" variant="ghost" onClick={edit}>
              {t("edit")}
            </Button>
          </Td>
        </tr>
      )}
      renderDialog={(team, close) => <TeamDialog team={team} people={data?.users ?? []} onClose={close} />}
    />
  );
}

function TeamDialog({ team, people, onClose }: { team: Team | null; people: { id: string; name: string; username: string }[]; onClose: () => void }) {
  const t = useTranslations("admin.teams");
  const errors = useErrorText();
  const [name, setName] = useState(team?.name ?? "");
  const [description, setDescription] = useState(team?.description ?? "");
  const [members, setMembers] = useState(new Map(team?.members.map((m) => [m.user.id, m.lead]) ?? []));
  const [, save] = useMutation(SaveTeam);
  const [, remove] = useMutation(DeleteTeam);
  const outcome = useEditOutcome(onClose);

  return (
    <EditDialog
      formId="team-form"
      wide
      onClose={onClose}
      outcome={outcome}
      title={team ? t("editTitle", { name: team.name }) : t("new")}
      onSave={() =>
        outcome.save(() => save({ id: team?.id ?? null, input: { name, description, members: [...members].map(([userId, lead]) => ({ userId, lead })) } }))
      }
      onDelete={team ? () => outcome.remove(() => remove({ id: team.id }, REFRESH_ON)) : undefined}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("name")} htmlFor="team-name" error={errors.field(outcome.issues.name, "name")}>
          <Input id="team-name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t("teamDescription")} htmlFor="team-desc">
          <Input id="team-desc" value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
      </div>
      <MemberPicker
        people={people}
        members={members}
        onChange={setMembers}
        defaultSetting={false}
        settingLabel={t("lead")}
        renderSetting={(lead, set, p) => (
          <label className="inline-flex items-center gap-2 text-xs text-slate-600">
            <input
              type="checkbox"
              checked={lead}
              onChange={(e) => set(e.target.checked)}
              className="size-4 rounded border-slate-300"
              aria-label={t("leadOf", { name: p.name })}
            />
            {t("leadHint")}
          </label>
        )}
      />
    </EditDialog>
  );
}
