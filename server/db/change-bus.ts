import { EventEmitter } from "node:events";
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { changeSchema, type Change } from "../../shared/model/change";
import type { Database } from "./schema";

/** What a bus delivers: a committed change, or word that changes may have been lost (reconnect). */
export type BusMessage = { type: "change"; change: Change } | { type: "gap" };

/**
 * Carries committed changes between the processes that serve one database. Every subscriber,
 * in every process on the bus, receives every published change, its own included.
 */
export interface ChangeBus {
  readonly transport: "memory" | "sqlite" | "postgres";
  /** Announce a committed change. Call it after the commit (a rolled-back write announces nothing). */
  publish(change: Change): Promise<void>;
  subscribe(listener: (message: BusMessage) => void): () => void;
  /** Resolves once changes published anywhere reach this bus's subscribers. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** One process (SQLite): an EventEmitter. */
export function createMemoryChangeBus(): ChangeBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    transport: "memory",
    async publish(change) {
      emitter.emit("message", { type: "change", change } satisfies BusMessage);
    },
    subscribe(listener) {
      emitter.on("message", listener);
      return () => emitter.off("message", listener);
    },
    ready: async () => {},
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** How long a change waits in the outbox for a server to pick it up. */
const OUTBOX_KEEP_MS = 10 * 60_000;

/**
 * Another process's way onto a SQLite server's bus (the CLI): each committed change becomes a
 * row of `change_outbox`, which the server's bus polls. Old rows are pruned on the way.
 */
export function createOutboxPublisher(db: Kysely<Database>, now = () => new Date()) {
  return {
    async publish(change: Change): Promise<void> {
      const at = now();
      await db
        .deleteFrom("changeOutbox")
        .where("createdAt", "<", new Date(at.getTime() - OUTBOX_KEEP_MS).toISOString())
        .execute();
      await db
        .insertInto("changeOutbox")
        .values({ change: JSON.stringify(change), createdAt: at.toISOString() })
        .execute();
    },
  };
}

export interface SqliteChangeBusOptions {
  /** How often to ask SQLite whether another connection committed (`pragma data_version`). */
  pollMs?: number;
  onError?: (error: Error) => void;
}

/**
 * A SQLite server: its own changes go straight to its subscribers (an EventEmitter), and changes
 * other processes committed (`groundswell import`, through `createOutboxPublisher`) are read
 * from `change_outbox`. The poll is one `pragma data_version` per tick, which only changes when
 * another connection has committed; only then is the outbox read.
 */
export function createSqliteChangeBus(db: Kysely<Database>, { pollMs = 250, onError }: SqliteChangeBusOptions = {}): ChangeBus {
  const local = createMemoryChangeBus();
  let started: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let lastId = 0;
  let lastVersion: unknown;

  const dataVersion = async () => Object.values((await sql<Record<string, number>>`pragma data_version`.execute(db)).rows[0] ?? {})[0];
  const poll = async () => {
    const version = await dataVersion();
    if (version === lastVersion) return;
    lastVersion = version;
    const rows = await db.selectFrom("changeOutbox").select(["id", "change"]).where("id", ">", lastId).orderBy("id").execute();
    for (const row of rows) {
      lastId = row.id;
      const parsed = changeSchema.safeParse(safeJson(row.change));
      if (parsed.success) await local.publish(parsed.data);
    }
  };
  const tick = () => {
    if (closed) return;
    timer = setTimeout(() => {
      poll()
        .catch((error: Error) => onError?.(error))
        .finally(tick);
    }, pollMs);
    timer.unref();
  };
  const start = () =>
    (started ??= (async () => {
      lastVersion = await dataVersion();
      const newest = await db
        .selectFrom("changeOutbox")
        .select((eb) => eb.fn.max("id").as("id"))
        .executeTakeFirst();
      lastId = Number(newest?.id ?? 0);
      tick();
    })());

  return {
    transport: "sqlite",
    publish: (change) => local.publish(change),
    subscribe(listener) {
      void start().catch((error: Error) => onError?.(error));
      return local.subscribe(listener);
    },
    ready: () => start(),
    async close() {
      closed = true;
      clearTimeout(timer);
      await local.close();
    },
  };
}

/** NOTIFY payloads must stay under 8000 bytes; ours are a few dozen ids at most. */
const MAX_PAYLOAD_BYTES = 7900;

export interface PostgresChangeBusOptions {
  /** The application's pool: publishing is one `select pg_notify(…)` through it. */
  db: Kysely<Database>;
  /** Where the dedicated LISTEN connection goes (the same database as `db`). */
  connectionString: string;
  /** Settings of the LISTEN connection (timeouts, keepalive); default just `connectionString`. */
  clientConfig?: pg.ClientConfig;
  /** First wait before reconnecting a lost listener; doubles up to 30 s. */
  reconnectDelayMs?: number;
  onError?: (error: Error) => void;
}

/**
 * Several server processes sharing one PostgreSQL database: NOTIFY on the channel
 * `groundswell_changes` (suffixed with the schema when it is not `public`, so deployments and
 * test schemas sharing a database never hear each other), and one dedicated `pg` client per
 * process that LISTENs and reconnects with backoff. After a reconnect the bus reports a gap,
 * since notifications sent while it was away are gone.
 */
export function createPostgresChangeBus(options: PostgresChangeBusOptions): ChangeBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const firstDelay = options.reconnectDelayMs ?? 1000;
  let channel: Promise<string> | undefined;
  const channelName = () =>
    (channel ??= sql<{ schema: string }>`select current_schema() as schema`.execute(options.db).then(({ rows }) => {
      const schema = rows[0]?.schema ?? "public";
      return (schema === "public" ? "groundswell_changes" : `groundswell_changes_${schema}`).slice(0, 63);
    }));

  let client: pg.Client | null = null;
  let started = false;
  let closed = false;
  let connectedOnce = false;
  let delay = firstDelay;
  let timer: NodeJS.Timeout | undefined;
  let readyWaiters: Array<() => void> = [];

  const emit = (message: BusMessage) => emitter.emit("message", message);

  const listen = async () => {
    if (closed) return;
    let name: string;
    try {
      name = await channelName();
    } catch (error) {
      // The database is away: ask again on the next attempt instead of keeping the failure.
      channel = undefined;
      options.onError?.(error as Error);
      if (!closed) timer = setTimeout(() => void listen(), delay);
      delay = Math.min(delay * 2, 30_000);
      return;
    }
    const candidate = new pg.Client(options.clientConfig ?? { connectionString: options.connectionString });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (error) options.onError?.(error);
      if (client === candidate) client = null;
      candidate.removeAllListeners("notification");
      void candidate.end().catch(() => {});
      if (!closed) {
        timer = setTimeout(() => void listen(), delay);
        delay = Math.min(delay * 2, 30_000);
      }
    };
    candidate.on("error", onLost);
    candidate.on("end", () => onLost());
    candidate.on("notification", (notification) => {
      if (notification.channel !== name || !notification.payload) return;
      const parsed = changeSchema.safeParse(safeJson(notification.payload));
      if (parsed.success) emit({ type: "change", change: parsed.data });
    });
    try {
      await candidate.connect();
      await candidate.query(`listen ${quoteIdentifier(name)}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (closed || lost) {
      void candidate.end().catch(() => {});
      return;
    }
    client = candidate;
    delay = firstDelay;
    if (connectedOnce) emit({ type: "gap" });
    connectedOnce = true;
    const waiters = readyWaiters;
    readyWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const start = () => {
    if (started || closed) return;
    started = true;
    void listen();
  };

  return {
    transport: "postgres",
    async publish(change) {
      const payload = JSON.stringify(change);
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw new RangeError(`a change notification is limited to ${MAX_PAYLOAD_BYTES} bytes`);
      await sql`select pg_notify(${await channelName()}, ${payload})`.execute(options.db);
    },
    subscribe(listener) {
      emitter.on("message", listener);
      start();
      return () => emitter.off("message", listener);
    },
    ready() {
      start();
      if (client) return Promise.resolve();
      return new Promise<void>((resolve) => readyWaiters.push(resolve));
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      emitter.removeAllListeners();
      const current = client;
      client = null;
      await current?.end().catch(() => {});
      // Nobody will ever be ready now; let waiters go (their subscriptions end with the server).
      for (const resolve of readyWaiters.splice(0)) resolve();
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
