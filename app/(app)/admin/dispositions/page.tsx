"use client";
// Dispositions: how calls end ("Sale", "Call back"), chosen by agents in wrap-up. Managed with the
// queues (each queue says how long wrap-up lasts and whether a disposition is required).
import { useMutation, useQuery } from "urql";
import { apiError } from "../../../_client/errors.ts";
import { graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { CodeList } from "../code-list.tsx";

const REFRESH_ON = { additionalTypenames: ["DispositionCode"] };

const CodesQuery = graphql(`
  query AdminDispositionCodes {
    dispositionCodes(includeArchived: true) {
      id
      name
      defaultName
      translations
      sortOrder
      active
    }
  }
`);
const SaveCode = graphql(`
  mutation SaveDispositionCode($id: ID, $input: DispositionCodeInput!) {
    saveDispositionCode(id: $id, input: $input) {
      id
      name
      defaultName
      translations
      sortOrder
      active
    }
  }
`);

export default function DispositionsPage() {
  const can = useCan();
  const [{ data }] = useQuery({ query: CodesQuery, context: REFRESH_ON, pause: !can("queues.manage") });
  const [, save] = useMutation(SaveCode);
  return (
    <CodeList
      namespace="dispositions"
      allowed={can("queues.manage")}
      items={data?.dispositionCodes}
      save={async (id, { name, translations, sortOrder, active }) => apiError((await save({ id, input: { name, translations, sortOrder, active } })).error)}
    />
  );
}
