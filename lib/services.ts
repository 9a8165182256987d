// The composition root: builds every long-lived service once, in order, and tears them down.
// Adapters are chosen here by configuration and handed to the domain as ports.
import path from "node:path";
import { channelWork } from "../domain/channel-work.ts";
import type { CallMedia, Deps } from "../domain/ports.ts";
import { type PubSub, createAppPubSub } from "../graphql/pubsub.ts";
import { realtimeListener } from "../graphql/realtime.ts";
import { type SeedResult, seedIfEmpty } from "../prisma/seed/seed.ts";
import { hashPendingContactSecrets } from "../domain/contacts/hash-pending-secrets.ts";
import { setOperators } from "../domain/users/set-operators.ts";
import { type Auth, createAuth } from "./auth/auth.ts";
import { argon2Passwords } from "./auth/passwords.ts";
import { ViewerResolver } from "./auth/viewer-resolver.ts";
import type { Config } from "./config.ts";
import { smtpEmailSender } from "../channels/email/smtp-sender.ts";
import { type Database, isNewEmbeddedDatabase, openDatabase } from "./db/database.ts";
import { migrateInChildProcess, pendingMigrations } from "./db/migrate.ts";
import { pubsubChannel } from "./cluster-channel.ts";
import { type EventBus, type EventListener, createEventBus } from "./event-bus.ts";
import { type EventDispatcher, startEventDispatcher } from "./event-dispatcher.ts";
import type { Logger } from "./logger.ts";
import { folderFileStore } from "./adapters/file-store.ts";
import { smtpMailer } from "./adapters/mailer.ts";
import { memoryRateLimiter } from "./adapters/rate-limiter.ts";
import { aesSecretBox } from "./adapters/secret-box.ts";
import { hmacTokens } from "./adapters/tokens.ts";
import { routingListener } from "../domain/routing/routing-listener.ts";
import { type AlarmEvaluator, alarmEvaluator } from "../domain/wallboard/alarm-listener.ts";
import { reportsListener } from "../domain/reports/reports-listener.ts";
import { authSecret } from "./secret.ts";
import { type MediaListener, mediaListener } from "../media/media-listener.ts";
import { MediaService } from "../media/media-service.ts";
import { localCallMedia } from "../media/local-call-media.ts";
import { MEDIA_LEASE_MS, type MediaCluster, openMediaCluster } from "./media-nodes/media-cluster.ts";
import { PhoneService } from "../media/phone/phone-service.ts";
import { WebIvrService } from "../media/ivr/web-ivr-service.ts";
import { RecordingStorageMonitor } from "./recording-storage.ts";

export interface AppServices {
  config: Config;
  log: Logger;
  db: Database;
  deps: Deps;
  auth: Auth;
  viewers: ViewerResolver;
  pubsub: PubSub;
  /** Domain events: listeners by role, across nodes; the outbox of durable ones. */
  events: EventBus;
  outbox: EventDispatcher;
  seeded: SeedResult | null;
  /** Voice: the media service when this process runs the media role and its engine started. */
  media: MediaService | null;
  /** The media side of calls (recording on demand); null without the media role. */
  calls: MediaListener | null;
  /** Telephone calls through Janus; null without the media role. */
  phone: PhoneService | null;
  /** What the API asks of a call's media, wherever the call's media runs. */
  callMedia: CallMedia;
  /** Free space of the recordings disk (alarm, and no new recordings when it is nearly full). */
  recordingStorage: RecordingStorageMonitor;
  /** Alarms evaluated as events arrive; the worker role also ticks it. */
  alarms: AlarmEvaluator;
  close(): Promise<void>;
}

export async function createServices(config: Config, log: Logger): Promise<AppServices> {
  const where = { databaseUrl: config.databaseUrl, dataDir: config.dataDir };
  const open = () => openDatabase({ ...where, poolSize: config.databasePoolSize });
  let db = isNewEmbeddedDatabase(where) ? null : await open();
  if (!db || (await pendingMigrations(db)).length) {
    await db?.close();
    const applied = await migrateInChildProcess({ ...where, logLevel: config.logLevel });
    if (applied.length) log.info({ applied }, "database migrated");
    db = await open();
  }
  try {
    const { secret, generated } = authSecret(config.auth.secret, config.dataDir);
    if (generated) log.warn("AUTH_SECRET is not set: generated one in the data folder. Set AUTH_SECRET in production.");
    const secrets = aesSecretBox(secret);
    const seeded = await seedIfEmpty(db.prisma, argon2Passwords, secrets, config.seed, config.trustedOrigins);
    if (config.operators) {
      const unknown = await setOperators(db.prisma, config.operators);
      if (unknown.length) log.warn({ unknown }, "OPERATORS names users that do not exist");
    }

    const pubsub = createAppPubSub(config.redisUrl, log);
    const media = config.roles.includes("media") ? new MediaService(config.media, log) : null;
    await media?.start();
    const channel = config.redisUrl ? pubsubChannel(pubsub, log) : null;
    const events = createEventBus(log, { roles: config.roles, channel });
    // Several processes: each call's media is reached through the media node that owns it.
    const cluster: MediaCluster | null = config.redisUrl
      ? await openMediaCluster({ redisUrl: config.redisUrl, databaseUrl: config.databaseUrl, db: db.prisma, log })
      : null;
    const forMedia = (listener: EventListener) => cluster?.ownedOnly(listener) ?? listener;
    let voiceAvailable = () => !!media?.enabled;
    const deps: Deps = {
      db: db.prisma,
      events,
      passwords: argon2Passwords,
      log,
      now: () => new Date(),
      tokens: hmacTokens(secret),
      secrets,
      mail: smtpMailer(config.mail.smtpUrl, config.mail.from, log),
      email: smtpEmailSender(db.prisma, secrets, config.mail.smtpUrl),
      files: folderFileStore(config.attachmentsDir),
      limiter: memoryRateLimiter(),
      voice: { available: () => voiceAvailable() },
      work: channelWork,
    };
    await hashPendingContactSecrets(deps);
    events.subscribe(realtimeListener(pubsub, deps));
    events.subscribe(routingListener(deps));
    const alarms = alarmEvaluator(deps);
    events.subscribe(alarms.listener);
    events.subscribe(reportsListener(deps));
    const recordingStorage = new RecordingStorageMonitor(config.recordingsDir, config.recordingsMinFree, log);
    const mediaEvents = media ? mediaListener(media, pubsub, deps, config.recordingsDir, () => recordingStorage.check()) : null;
    if (mediaEvents) events.subscribe(forMedia(mediaEvents.listener), "media");
    // Telephone calls (Janus's SIP plugin bridged into the media service) where the media role runs.
    const seat = cluster && { nodeId: cluster.nodeId, liveMediaNodes: cluster.liveMediaNodes, mediaLeaseMs: MEDIA_LEASE_MS };
    const phone = media ? new PhoneService(config.phone, media, deps, log.child({ component: "phone" }), seat) : null;
    if (phone) {
      events.subscribe(forMedia(phone.listener), "media");
      await phone.start().catch((err) => log.error({ err }, "the phone gateway did not start; telephone calls are off"));
    }
    // Web callers meet the widget's IVR flow where their media is.
    const webIvr = media ? new WebIvrService(media, deps, { cacheDir: path.join(config.phone.dataDir, "prompts") }, log.child({ component: "web-ivr" })) : null;
    if (webIvr) events.subscribe(forMedia(webIvr.listener), "media");
    const local = localCallMedia(media, mediaEvents, phone);
    const rooms = media && mediaEvents && { callIds: () => media.callIds(), ended: (c: { id: string; organizationId: string }) => mediaEvents.ended(c) };
    const callMedia = cluster ? await cluster.start(rooms ? { media: local, rooms } : null) : local;
    voiceAvailable = () => callMedia.status().enabled;
    // Listeners are in place (and the phone has ended its earlier run's calls): durable events
    // committed before a crash are delivered now.
    const outbox = startEventDispatcher({ db: db.prisma, bus: events, channel, roles: config.roles, log });
    const auth = createAuth(config, secret, deps, log);
    const viewers = new ViewerResolver(auth, db.prisma);

    // Access changes on any node invalidate cached viewers on every node.
    const accessFeed = pubsub.subscribe("accessChanged");
    void (async () => {
      for await (const _ of accessFeed) viewers.invalidateAll();
    })();

    return {
      config,
      log,
      db,
      deps,
      auth,
      viewers,
      pubsub,
      events,
      outbox,
      seeded,
      media,
      calls: mediaEvents,
      phone,
      callMedia,
      recordingStorage,
      alarms,
      async close() {
        alarms.stop();
        await accessFeed.return?.();
        await outbox.stop();
        await events.close();
        await cluster?.close();
        await phone?.stop().catch(() => {});
        webIvr?.stop();
        mediaEvents?.stop();
        await media?.close();
        await pubsub.close();
        await db.close();
      },
    };
  } catch (e) {
    await db.close().catch(() => {});
    throw e;
  }
}
