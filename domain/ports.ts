// What the domain needs from the outside world, implemented in lib/ and wired in server start-up.
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { EventPublisher } from "./events.ts";
import type { PendingEvents } from "./shared/pending-events.ts";
import type { Db } from "./shared/tx.ts";

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(input: { hash: string; password: string }): Promise<boolean>;
}

export interface DomainLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Signed, expiring tokens (visitors' conversation tokens). */
export interface TokenSigner {
  sign(subject: string, ttlSeconds: number): string;
  /** The subject, or null for a forged, malformed or expired token. */
  verify(token: string): string | null;
}

/** Encrypts secrets kept in the database (entry points' identity secrets). */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
  /** A keyed digest of `value` under a key of its own per `scope` (an organisation): for secrets
   * that are only ever compared, never shown (contacts' PINs). Not computable from the database alone. */
  mac(scope: string, value: string): string;
}

export interface Mailer {
  /** False when no SMTP server is configured: features that send mail say so instead. */
  readonly configured: boolean;
  send(message: { to: string; subject: string; text: string; attachments?: { fileName: string; contentType: string; content: Uint8Array }[] }): Promise<void>;
}

/** One e-mail as the outbox hands it to a mailbox's SMTP server (or the server-wide SMTP_URL). */
export interface OutgoingEmail {
  mailboxId: string | null;
  from: { address: string; name: string };
  to: { address: string; name: string }[];
  cc: { address: string; name: string }[];
  bcc: { address: string; name: string }[];
  subject: string;
  text: string;
  /** The HTML alternative, built by us (compose-email.ts); null for text-only mail. */
  html: string | null;
  /** Our Message-ID (without <>), and the threading headers that make mail clients thread it. */
  messageId: string;
  inReplyTo: string;
  references: string[];
  attachments: { fileName: string; contentType: string; content: Uint8Array }[];
}

/** A delivery that failed: `permanent` when retrying cannot help (5xx, unknown mailbox...). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface EmailSender {
  /** Resolves when the server accepted the mail; throws DeliveryError otherwise. */
  send(email: OutgoingEmail): Promise<void>;
}

/** Where attachment bytes live (a folder today; object storage in a cluster later). */
export interface FileStore {
  save(key: string, bytes: Uint8Array): Promise<void>;
  read(key: string): Promise<Buffer>;
}

export interface RateLimiter {
  /** Takes one unit from the bucket `key` (refilled at `perMinute`); false when it is empty. */
  take(key: string, perMinute: number): boolean;
}

export interface Deps {
  db: PrismaClient;
  events: EventPublisher;
  passwords: PasswordHasher;
  log: DomainLogger;
  now: () => Date;
  tokens: TokenSigner;
  secrets: SecretBox;
  mail: Mailer;
  email: EmailSender;
  files: FileStore;
  limiter: RateLimiter;
  voice: VoiceAvailability;
  work: ChannelWork;
}

/** What a channel does when routing gives its work to an agent or ends it — routing itself knows
 * no channel (a call puts the agent through to the caller, a call-back dials the customer, and a
 * call ends with its conversation). Wired in lib/services.ts from domain/channel-work.ts. */
export interface ChannelWork {
  /** An agent took the interaction, inside the accepting transaction. */
  accepted(
    tx: Db,
    work: { organizationId: string; interactionId: string; channel: string; data: unknown; agentId: string; previousAgentId: string | null; now: Date },
    events: PendingEvents,
  ): Promise<void>;
  /** The interaction ended (`ABANDONED` before an agent had it), inside its transaction. `callEnd`
   * says why and by whom when the caller knows better; `keepCall`: the conversation ends, the call
   * goes on. Returns whether the interaction had a call (its agent's wrap-up follows). */
  ended(
    tx: Db,
    work: {
      interactionId: string;
      state: "ABANDONED" | "ENDED";
      endedBy: "CONTACT" | "AGENT" | "SYSTEM";
      agentId: string | null;
      callEnd?: { reason: string; endedById: string | null } | { keepCall: true };
      now: Date;
    },
    events: PendingEvents,
  ): Promise<{ hadCall: boolean }>;
}

/** Whether calls can be made here now (a media engine is running). */
export interface VoiceAvailability {
  available(): boolean;
}

/** mediasoup's parameters as they cross a process boundary: passed through, never read here. */
export type MediaJson = Record<string, unknown>;

/** What the API (GraphQL, the widget) needs from the media node that carries a call, by call and
 * party. Local: media/local-call-media.ts; remote (a web node without the media role):
 * lib/rpc/remote-call-media.ts. It throws DomainErrors only: UNAVAILABLE when voice is off or the
 * node carrying the call is gone, CONFLICT with a reason when the media refuses. */
export interface CallMedia {
  /** Whether calls can be carried now; `reason` says why not. */
  status(): { enabled: boolean; reason: string | null };
  /** Why calls to and from telephones are off; null when they work. */
  phoneProblem(): string | null;
  /** The party's transports (joining again replaces them) and the audio already there to consume. */
  join(callId: string, partyId: string): Promise<MediaJson & { producers: { partyId: string; producerId: string }[] }>;
  connect(callId: string, partyId: string, transportId: string, dtlsParameters: MediaJson): Promise<void>;
  /** The party's microphone; returns the producer's id. */
  produce(callId: string, partyId: string, rtpParameters: MediaJson): Promise<string>;
  /** A paused consumer of another party's audio. */
  consume(callId: string, partyId: string, producerId: string, rtpCapabilities: MediaJson): Promise<MediaJson>;
  resume(callId: string, partyId: string, consumerId: string): Promise<void>;
  setMuted(callId: string, partyId: string, muted: boolean): Promise<void>;
  /** Starts recording these parties now; false when the call already was. */
  record(callId: string, target: { recordingId: string; parties: string[] }): Promise<boolean>;
  setRecordingPaused(callId: string, paused: boolean): Promise<void>;
  /** Hands a phone call's caller to an outside number (SIP REFER); TRANSFER_FAILED when refused. */
  transferToNumber(callId: string, number: string): Promise<void>;
  /** Keys played to the telephone `partyId` (or every telephone on the call). */
  sendDigits(callId: string, digits: string, partyId?: string): Promise<void>;
}

/** Who is doing something and from where, for authorization and the audit log. */
export interface Actor {
  userId: string;
  organizationId: string;
  ip?: string;
}
