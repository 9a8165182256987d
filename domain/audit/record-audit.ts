import type { Prisma } from "../../generated/prisma/client.ts";
import type { Db } from "../shared/tx.ts";

/** Dotted names of the sensitive actions we keep a record of. */
export type AuditAction =
  | "auth.signed_in"
  | "auth.signed_out"
  | "auth.locked"
  | "auth.password_changed"
  | "user.created"
  | "user.updated"
  | "user.deactivated"
  | "user.reactivated"
  | "user.password_reset"
  | "role.created"
  | "role.updated"
  | "role.deleted"
  | "team.created"
  | "team.updated"
  | "team.deleted"
  | "queue.created"
  | "queue.updated"
  | "queue.deleted"
  | "pause_code.created"
  | "pause_code.updated"
  | "agent.state_forced"
  | "entry_point.created"
  | "entry_point.updated"
  | "entry_point.secret_rotated"
  | "canned_reply.created"
  | "canned_reply.updated"
  | "canned_reply.deleted"
  | "mailbox.created"
  | "mailbox.updated"
  | "case_status.created"
  | "case_status.updated"
  | "tag.created"
  | "tag.updated"
  | "macro.created"
  | "macro.updated"
  | "macro.deleted"
  | "organization.settings_updated"
  | "organization.secret_fields_updated"
  | "contact.secrets_changed"
  | "call.monitored"
  | "call.taken_over"
  | "call.dial_refused"
  | "fax_document.uploaded"
  | "fax_document.deleted"
  | "disposition_code.created"
  | "disposition_code.updated"
  | "recording.played"
  | "recordings.expired"
  | "sip_trunk.created"
  | "sip_trunk.updated"
  | "sip_trunk.deleted"
  | "phone_number.created"
  | "phone_number.updated"
  | "phone_number.deleted"
  | "sms_account.created"
  | "sms_account.updated"
  | "sms_account.deleted"
  | "sms_number.created"
  | "sms_number.updated"
  | "sms_number.deleted"
  | "sms_opt_out.added"
  | "sms_opt_out.removed"
  | "outbound_rules.updated"
  | "fax_cover.updated"
  | "blocked_number.added"
  | "blocked_number.removed"
  | "contact_list.imported"
  | "contact_list.deleted"
  | "do_not_call.added"
  | "do_not_call.removed"
  | "campaign.created"
  | "campaign.updated"
  | "campaign.started"
  | "campaign.paused"
  | "campaign.resumed"
  | "campaign.stopped"
  | "campaign.deleted"
  | "campaign.agent_added"
  | "campaign.agent_removed"
  | "campaign.results_exported"
  | "ivr_flow.created"
  | "ivr_flow.updated"
  | "ivr_flow.published"
  | "ivr_flow.deleted"
  | "audio_file.uploaded"
  | "audio_file.renamed"
  | "audio_file.deleted"
  | "alarm.created"
  | "alarm.updated"
  | "alarm.deleted"
  | "wallboard_link.created"
  | "wallboard_link.revoked"
  | "call_script.created"
  | "call_script.published"
  | "call_script.deleted"
  | "job.run_requested"
  | "saved_report.created"
  | "saved_report.updated"
  | "saved_report.deleted";

export interface AuditEntry {
  organizationId: string;
  actorId: string | null;
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  targetLabel?: string;
  data?: Prisma.InputJsonValue;
  ip?: string;
}

/** Written inside the transaction of the action it records, so neither exists without the other. */
export async function recordAudit(db: Db, entry: AuditEntry) {
  await db.auditLog.create({
    data: {
      organizationId: entry.organizationId,
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType ?? "",
      targetId: entry.targetId ?? "",
      targetLabel: entry.targetLabel ?? "",
      data: entry.data ?? {},
      ip: entry.ip ?? "",
    },
  });
}
