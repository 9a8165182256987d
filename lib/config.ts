// The one place configuration is read. Every variable is validated at start-up and a bad
// value stops the process with a message that names it (see ConfigError).
import os from "node:os";
import path from "node:path";
import { z } from "zod";

export const ROLES = ["web", "media", "worker"] as const;
export type ProcessRole = (typeof ROLES)[number];

const bool = z.enum(["1", "0", "true", "false", "yes", "no", "on", "off"]).transform((v) => ["1", "true", "yes", "on"].includes(v));

const int = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const postgresUrl = z.string().refine((v) => {
  try {
    const u = new URL(v);
    return (u.protocol === "postgres:" || u.protocol === "postgresql:") && u.hostname !== "" && u.pathname.length > 1;
  } catch {
    return false;
  }
}, "must look like postgres://user:password@host:5432/database");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: int(0, 65535).default(3000),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  TRUSTED_ORIGINS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/, error: "must be a comma-separated list of http(s) origins" }))),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: int(2, 200).default(10),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  ROLES: z
    .string()
    .default(ROLES.join(","))
    .transform((v) =>
      v
        .split(",")
        .map((r) => r.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(ROLES)).min(1)),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SESSION_TTL_HOURS: int(1, 24 * 30).default(12),
  LOGIN_MAX_FAILURES: int(1, 100).default(5),
  LOGIN_FAILURE_WINDOW_MINUTES: int(1, 24 * 60).default(15),
  LOGIN_LOCK_MINUTES: int(1, 24 * 60).default(15),
  SIGNIN_RATE_LIMIT_PER_MINUTE: int(1, 10_000).default(20),
  TRUST_PROXY: bool.default(false),
  PRESENCE_TIMEOUT_SECONDS: int(10, 3600).default(90),
  SEED: z.enum(["demo", "empty", "none"]).default("demo"),
  /** Operators of the installation (logins or e-mails): exactly these, when set; unset leaves them as they are. */
  OPERATORS: z
    .string()
    .optional()
    .transform((v) =>
      v === undefined
        ? null
        : v
            .split(",")
            .map((o) => o.trim().toLowerCase())
            .filter(Boolean),
    ),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must look like smtp://user:password@host:587 or smtps://…" }).optional(),
  MAIL_FROM: z.string().min(3).default("Centrala <no-reply@localhost>"),
  ATTACHMENTS_DIR: z.string().min(1).optional(),
  RECORDINGS_DIR: z.string().min(1).optional(),
  /** Below this much free space on the recordings disk admins are warned; below half of it calls are not recorded. */
  RECORDINGS_MIN_FREE_MB: int(0, 100_000_000).default(1024),
  /** ... or below this share of the disk, whichever is more. */
  RECORDINGS_MIN_FREE_PERCENT: int(0, 90).default(1),
  VISITOR_TIMEOUT_SECONDS: int(15, 3600).default(120),
  WIDGET_STARTS_PER_MINUTE: int(1, 10_000).default(10),
  ROUTING_TICK_MS: int(100, 60_000).default(1000),
  MAIL_POLL_SECONDS: int(1, 3600).default(60),
  /** The mediasoup worker binary; found in the cache (scripts/mediasoup-worker.sh) when unset. */
  MEDIASOUP_WORKER_BIN: z.string().min(1).optional(),
  /** The fax modem helper; found in the cache (scripts/fax-modem.sh) when unset. */
  FAX_MODEM_BIN: z.string().min(1).optional(),
  CENTRALA_CACHE: z.string().min(1).optional(),
  MEDIA_WORKERS: int(0, 256).default(0),
  MEDIA_LISTEN_IP: z.ipv4().or(z.ipv6()).default("0.0.0.0"),
  MEDIA_ANNOUNCED_ADDRESS: z.string().min(1).optional(),
  MEDIA_MIN_PORT: int(1024, 65535).default(40000),
  MEDIA_MAX_PORT: int(1024, 65535).default(49999),
  TURN_URLS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^turns?:[^\s]+$/, "must be a comma-separated list of turn: or turns: URLs"))),
  TURN_USERNAME: z.string().optional(),
  TURN_CREDENTIAL: z.string().optional(),
  /** Telephone calls: an external Janus's WebSocket; unset, the media role runs its own Janus. */
  /** Telephone calls through Janus on the media role (off: no Janus is started or reached). */
  PHONE_GATEWAY: bool.default(true),
  JANUS_URL: z.url({ protocol: /^wss?$/, error: "must look like ws://host:8188" }).optional(),
  JANUS_BIN: z.string().min(1).default("/usr/bin/janus"),
  JANUS_WS_PORT: int(1024, 65535).default(8189),
  /** The network interface Janus and the media engine meet on (Janus gathers no ICE on loopback). */
  PHONE_INTERFACE: z.string().min(1).optional(),
  /** The media engine's address on that interface (default: the interface's IPv4 address). */
  PHONE_MEDIA_IP: z.ipv4().optional(),
  /** The address Janus's SIP side uses (trunks send to it); default: the interface's address. */
  SIP_IP: z.ipv4().optional(),
  SIP_RTP_MIN_PORT: int(1024, 65535).default(20000),
  SIP_RTP_MAX_PORT: int(1024, 65535).default(24999),
  JANUS_ICE_MIN_PORT: int(1024, 65535).default(25000),
  JANUS_ICE_MAX_PORT: int(1024, 65535).default(25999),
  /** How long a call out may ring before it ends as NO_ANSWER (its trunk line freed). */
  PHONE_RING_SECONDS: int(2, 600).default(60),
});

export type Config = ReturnType<typeof toConfig>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment. Throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  // An empty variable means "not set", as in most shells' `FOO= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? "");
        const value = cleaned[name];
        const shown = value === undefined || /SECRET|PASSWORD|URL/.test(name) ? "" : ` (got "${value}")`;
        return `${name}: ${i.message}${shown}`;
      }),
    );
  }
  const config = toConfig(parsed.data);
  const cluster = config.redisUrl !== undefined || config.roles.length < ROLES.length;
  if (cluster && !config.databaseUrl) {
    throw new ConfigError(["DATABASE_URL: required when running several processes (REDIS_URL or ROLES set); the embedded database serves one process"]);
  }
  if (cluster && !config.auth.secret) {
    throw new ConfigError(["AUTH_SECRET: required when running several processes, so that every node accepts the same sessions"]);
  }
  if (config.media.minPort > config.media.maxPort) {
    throw new ConfigError(["MEDIA_MIN_PORT: must not be above MEDIA_MAX_PORT"]);
  }
  if (config.roles.length < ROLES.length && !config.redisUrl) {
    throw new ConfigError(["REDIS_URL: required when ROLES splits the product over processes, so that events reach every process"]);
  }
  return config;
}

function toConfig(e: z.infer<typeof schema>) {
  const dataDir = path.resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  // Browsers may sign in only from these origins. Without PUBLIC_URL the product runs locally,
  // where localhost and 127.0.0.1 are the same place.
  const local = e.PUBLIC_URL ? [] : [`http://127.0.0.1:${e.PORT}`, `http://[::1]:${e.PORT}`];
  const trustedOrigins = [...new Set([new URL(publicUrl).origin, ...local, ...e.TRUSTED_ORIGINS.map((o) => new URL(o).origin)])];
  return {
    env: e.NODE_ENV,
    dev: e.NODE_ENV === "development",
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    trustedOrigins,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    roles: e.ROLES as ProcessRole[],
    logLevel: e.LOG_LEVEL,
    seed: e.SEED,
    operators: e.OPERATORS,
    auth: {
      secret: e.AUTH_SECRET,
      sessionTtlHours: e.SESSION_TTL_HOURS,
      signInRateLimitPerMinute: e.SIGNIN_RATE_LIMIT_PER_MINUTE,
      trustProxy: e.TRUST_PROXY,
      lockout: {
        maxFailures: e.LOGIN_MAX_FAILURES,
        windowMinutes: e.LOGIN_FAILURE_WINDOW_MINUTES,
        lockMinutes: e.LOGIN_LOCK_MINUTES,
      },
    },
    presenceTimeoutSeconds: e.PRESENCE_TIMEOUT_SECONDS,
    visitorTimeoutSeconds: e.VISITOR_TIMEOUT_SECONDS,
    widgetStartsPerMinute: e.WIDGET_STARTS_PER_MINUTE,
    routingTickMs: e.ROUTING_TICK_MS,
    mailPollSeconds: e.MAIL_POLL_SECONDS,
    attachmentsDir: path.resolve(e.ATTACHMENTS_DIR ?? path.join(dataDir, "attachments")),
    recordingsDir: path.resolve(e.RECORDINGS_DIR ?? path.join(dataDir, "recordings")),
    recordingsMinFree: { minFreeBytes: e.RECORDINGS_MIN_FREE_MB * 1024 * 1024, minFreePercent: e.RECORDINGS_MIN_FREE_PERCENT },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    media: {
      workerBin: e.MEDIASOUP_WORKER_BIN,
      cacheDir: path.resolve(e.CENTRALA_CACHE ?? path.join(os.homedir(), ".cache", "centrala")),
      workers: e.MEDIA_WORKERS || os.availableParallelism(),
      listenIp: e.MEDIA_LISTEN_IP,
      announcedAddress: e.MEDIA_ANNOUNCED_ADDRESS,
      minPort: e.MEDIA_MIN_PORT,
      maxPort: e.MEDIA_MAX_PORT,
      turn: e.TURN_URLS.length ? { urls: e.TURN_URLS, username: e.TURN_USERNAME ?? "", credential: e.TURN_CREDENTIAL ?? "" } : null,
    },
    phone: phoneSettings(e, dataDir),
  };
}

/** Where Janus and the media engine meet: the interface given, or the first non-loopback one. */
function phoneSettings(e: z.infer<typeof schema>, dataDir: string) {
  const interfaces = os.networkInterfaces();
  const name = e.PHONE_INTERFACE ?? Object.keys(interfaces).find((n) => interfaces[n]?.some((a) => a.family === "IPv4" && !a.internal)) ?? "lo";
  const address = interfaces[name]?.find((a) => a.family === "IPv4")?.address ?? "127.0.0.1";
  return {
    enabled: e.PHONE_GATEWAY,
    janusUrl: e.JANUS_URL,
    janusBin: e.JANUS_BIN,
    janusWsPort: e.JANUS_WS_PORT,
    iceInterface: name,
    mediaIp: e.PHONE_MEDIA_IP ?? address,
    sipIp: e.SIP_IP ?? address,
    sipRtpPorts: { min: e.SIP_RTP_MIN_PORT, max: e.SIP_RTP_MAX_PORT },
    janusIcePorts: { min: e.JANUS_ICE_MIN_PORT, max: e.JANUS_ICE_MAX_PORT },
    ringSeconds: e.PHONE_RING_SECONDS,
    dataDir,
    fax: { faxModemBin: e.FAX_MODEM_BIN, cacheDir: path.resolve(e.CENTRALA_CACHE ?? path.join(os.homedir(), ".cache", "centrala")) },
  };
}
