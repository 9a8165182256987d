// Coded errors, thrown by domain code and mapped once to GraphQL extensions.code (graphql/errors.ts).
export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "INVALID_INPUT",
  "LIMIT_EXCEEDED",
  "ACCOUNT_LOCKED",
  "INVALID_CREDENTIALS",
  "UNAVAILABLE",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Why exactly something was refused, beyond its code: screens say each in the user's language
 * (messages/*.json, errors.reason; a test checks every one is there in pl, en and ru). */
export const ERROR_REASONS = [
  "LAST_ADMIN",
  "SELF",
  "BUILT_IN",
  "IN_USE",
  "NO_MAILBOX",
  "NO_SMS_NUMBER",
  "NO_SMS_RECIPIENT",
  "SMS_OPTED_OUT",
  "SMS_TOO_LONG",
  "NO_FAX_NUMBER",
  "FAX_DOCUMENT_MISSING",
  "FAX_NOT_PDF",
  "FAX_NOT_FAILED",
  "FAX_DOCUMENT_IN_USE",
  "FAX_DOCUMENT_UNREADABLE",
  "READ_ONLY",
  "CALL_SELF",
  "CALLEE_OFFLINE",
  "ALREADY_ON_CALL",
  "CALLEE_BUSY",
  "NOT_CALLEE",
  "CALL_NOT_RINGING",
  "CALL_ENDED",
  "VOICE_DISABLED",
  "NO_ROOM",
  "BAD_MEDIA",
  "NOT_RECORDABLE",
  "RECORDING_NOT_READY",
  "FILE_MISSING",
  "CANNOT_HOLD",
  "RECORDING_NO_SPACE",
  "TRUNK_HAS_NUMBERS",
  "INVALID_NUMBER",
  "TRUNK_OFF",
  "BLOCKED_PREFIX",
  "NOT_ALLOWED_PREFIX",
  "OUTSIDE_HOURS",
  "AGENT_RATE",
  "TRUNK_BUSY",
  "TRUNK_RATE",
  "NO_TRUNK",
  "CALLER_ID",
  "PHONE_OFF",
  "NOT_PHONE_CALL",
  "TRANSFER_FAILED",
  "CONSULT_IN_PROGRESS",
  "ALREADY_CONSULTING",
  "NUMBER_ON_CALL",
  "CONSULT_NOT_ANSWERED",
  "IVR_FLOW_IN_USE",
  "ALREADY_BLOCKED",
  "AUDIO_EMPTY",
  "AUDIO_UNREADABLE",
  "AUDIO_NO_SOUND",
  "AUDIO_TOO_LONG",
  "AUDIO_CONVERSION_FAILED",
  "AUDIO_IN_USE",
  "FILE_TOO_LARGE",
  "BAD_UPLOAD",
  "BUSY",
  "OFFER_GONE",
  "OFFER_EXPIRED",
  "TOO_FAST",
  "ORIGIN",
  "CONVERSATION_ENDED",
  "NUL_CHARACTER",
  "NO_TRANSFER",
  "NOT_IN_CALL",
  "CALL_NOT_ACTIVE",
  "WRAP_UP_AUTOMATIC",
  "TRANSFER_PENDING",
  "TOO_MANY_STREAMS",
  "TOO_MANY_CALLBACKS",
  "OWN_CALL",
  "NO_NEW_STATUS",
  "NO_CONVERSATION",
  "NOT_RATEABLE",
  "ALREADY_RATED",
  "NOT_IN_IVR",
  "MAIL_NOT_CONFIGURED",
  "MAIL_FAILED",
  "FILE_TYPE",
  "DISPOSITION_REQUIRED",
  "CONTENT_TYPE",
  "BAD_JSON",
  "BAD_FORM",
  "BODY_TOO_LARGE",
  "CANNOT_CONSULT",
  "CALLS_OFF",
  "CALLBACK_PENDING",
  "CALLBACKS_OFF",
  "ATTACHMENTS_OFF",
  "MACRO_NOT_ASSIGNEE",
  "MACRO_STATUS_ELSEWHERE",
  "MACRO_NO_ASSIGNEE",
  "LINK_REVOKED",
  "TOO_MANY_TRIES",
  "NODE_GONE",
  "NODE_TIMEOUT",
  "SCRIPT_IN_USE",
  "NOTHING_TO_PUBLISH",
  "SCRIPT_INVALID",
  "NO_SCRIPT",
  "SCRIPT_CLOSED",
  "ATTEMPT_CLOSED",
  "SCRIPT_NOT_ENDED",
  "TOO_MANY_ROWS",
  "IMPORT_INTERRUPTED",
  "IMPORT_FAILED",
  "LIST_FILE_EMPTY",
  "LIST_FILE_UNREADABLE",
  "NO_SUCH_COLUMN",
  "LIST_NOT_READY",
  "CAMPAIGN_FINISHED",
  "CAMPAIGN_STATUS",
  "CAMPAIGN_NO_LIST",
  "CAMPAIGN_NO_AGENTS",
  "LIST_IN_CAMPAIGN",
  "CAMPAIGN_QUEUE",
  "CAMPAIGN_KIND_FIXED",
  "CAMPAIGN_NO_SMS_ACCOUNT",
  "SMS_ACCOUNT_OFF",
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

export interface FieldIssue {
  /** Dotted path of the input field, e.g. "input.username". */
  path: string;
  /** English text for logs and API users; screens translate `code` (with `params`) instead. */
  message: string;
  /** zod's issue code (too_small, invalid_format...) or ours (taken, unknown, same_as_login...). */
  code: string;
  params?: Record<string, string | number>;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: FieldIssue[]; retryAfterSeconds?: number; reason?: ErrorReason; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** One bad input field. */
export const fieldError = (path: string, code: string, message: string, params?: Record<string, string | number>) =>
  new DomainError("INVALID_INPUT", message, { fields: [{ path, code, message, ...(params ? { params } : {}) }] });

/** A unique name is already used in this organisation. */
export const nameTaken = (what: string) =>
  new DomainError("CONFLICT", `${what} with this name already exists`, { fields: [{ path: "input.name", code: "taken", message: "already exists" }] });

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} not found`);
export const conflict = (message: string, details: DomainError["details"] = {}) => new DomainError("CONFLICT", message, details);
