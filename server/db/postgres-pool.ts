import { EventEmitter } from "node:events";
import type { PostgresPool, PostgresPoolClient } from "kysely";
import pg from "pg";
import { isDatabaseUnavailable, UnavailableError } from "../errors";

/**
 * How long the server waits on PostgreSQL before it calls the database unavailable. A restart
 * refuses or cuts connections at once; a database that accepts but never answers is caught by
 * these timeouts instead of hanging every request (issue 19).
 */
export const POSTGRES_TIMEOUTS = {
  /** Opening a connection (TCP + startup + authentication). */
  connectMs: 5_000,
  /** One statement, enforced by the server (`statement_timeout`): a runaway query is cancelled. */
  statementMs: 30_000,
  /** One statement, enforced by the client: the server does not answer at all. */
  queryMs: 32_000,
  /** An idle connection in the pool is closed after this. */
  idleMs: 30_000,
  /** TCP keepalive: a silently dead peer is noticed without waiting for a query. */
  keepAliveMs: 10_000,
  /** /health and the recovery probe: one `select 1`. */
  probeMs: 1_500,
  /** While the database is away, look for it this often. */
  probeEveryMs: 1_000,
} as const;

/** Settings for every `pg` connection the server opens (pool, LISTEN client, probes). */
export function postgresClientConfig(url: string, schema?: string): pg.ClientConfig {
  return {
    connectionString: url,
    connectionTimeoutMillis: POSTGRES_TIMEOUTS.connectMs,
    statement_timeout: POSTGRES_TIMEOUTS.statementMs,
    query_timeout: POSTGRES_TIMEOUTS.queryMs,
    idle_in_transaction_session_timeout: 60_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: POSTGRES_TIMEOUTS.keepAliveMs,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
}

/** Whether the database answers, as the server last saw it. */
export interface DatabaseHealth {
  /** False while the database is known to be away: queries then fail at once with UnavailableError. */
  readonly available: boolean;
  /** Why it was last found away (driver text, for the log only). */
  readonly reason: string | null;
  /** Ask the database (one `select 1` with a short timeout); true when it answered. */
  check(): Promise<boolean>;
  /** Called with `false` when the database goes away and `true` when it is back. */
  onChange(listener: (available: boolean, reason: string | null) => void): () => void;
  close(): void;
}

export interface GuardedPool {
  /** What Kysely's PostgresDialect takes. */
  pool: PostgresPool;
  health: DatabaseHealth;
}

/**
 * A `pg` pool that survives the database going away:
 * - errors of idle connections are caught (an unhandled 'error' event used to end the process);
 * - a connection that failed (cut, timed out) is destroyed instead of going back to the pool;
 * - once the database is known to be away, checkouts fail at once with UnavailableError (so
 *   requests answer 503 in a millisecond instead of waiting on timeouts), while a probe on a fresh
 *   connection looks for it every second and opens the gate again when it answers.
 */
export function createGuardedPool(config: pg.ClientConfig, { max = 10 } = {}): GuardedPool {
  const inner = new pg.Pool({ ...config, max, idleTimeoutMillis: POSTGRES_TIMEOUTS.idleMs });
  const events = new EventEmitter();
  let available = true;
  let reason: string | null = null;
  let probeTimer: NodeJS.Timeout | undefined;
  let probing: Promise<boolean> | null = null;
  let closed = false;

  const wentAway = (error: unknown) => {
    reason = error instanceof Error ? error.message : String(error);
    if (available) {
      available = false;
      events.emit("change", false, reason);
    }
    scheduleProbe();
  };
  const cameBack = () => {
    if (available) return;
    available = true;
    reason = null;
    events.emit("change", true, null);
  };

  // One `select 1` on a connection of its own (never a pooled one that may be stuck), with short timeouts.
  const probe = (): Promise<boolean> =>
    (probing ??= (async () => {
      const client = new pg.Client({ ...config, connectionTimeoutMillis: POSTGRES_TIMEOUTS.probeMs, query_timeout: POSTGRES_TIMEOUTS.probeMs });
      client.on("error", () => {}); // a cut during the probe rejects the probe; nothing else to do
      try {
        await client.connect();
        await client.query("select 1");
        cameBack();
        return true;
      } catch (error) {
        wentAway(error);
        return false;
      } finally {
        probing = null;
        void client.end().catch(() => {});
      }
    })());

  function scheduleProbe() {
    if (closed || probeTimer) return;
    probeTimer = setTimeout(() => {
      probeTimer = undefined;
      if (!available) void probe();
    }, POSTGRES_TIMEOUTS.probeEveryMs);
    probeTimer.unref();
  }

  // An idle connection lost (database restart, proxy cut): pg emits 'error' on the pool. Without
  // a listener Node ends the process; with one, the pool drops that connection and carries on.
  inner.on("error", (error) => {
    if (isDatabaseUnavailable(error)) wentAway(error);
  });

  const pool: PostgresPool = {
    async connect(): Promise<PostgresPoolClient> {
      if (!available) {
        scheduleProbe();
        throw new UnavailableError(undefined, { cause: new Error(reason ?? "database unavailable") });
      }
      let client: pg.PoolClient;
      try {
        client = await inner.connect();
      } catch (error) {
        if (isDatabaseUnavailable(error)) wentAway(error);
        throw error;
      }
      let broken = false;
      const noteFailure = (error: unknown) => {
        if (isDatabaseUnavailable(error)) {
          broken = true;
          wentAway(error);
        }
        throw error;
      };
      // pg-pool listens for errors only on idle connections: a connection cut while checked out
      // (between two statements of a transaction) would emit an 'error' nobody hears, and end the process.
      const onError = (error: Error) => {
        broken = true;
        wentAway(error);
      };
      client.on("error", onError);
      return {
        query: ((...args: Parameters<pg.PoolClient["query"]>) => {
          const result = (client.query as (...rest: unknown[]) => unknown)(...args);
          return result instanceof Promise ? result.catch(noteFailure) : result;
        }) as PostgresPoolClient["query"],
        // A connection that failed goes away for good: handing it back could hang the next query.
        release: () => {
          client.off("error", onError);
          client.release(broken ? new Error("connection failed; discarded") : undefined);
        },
      };
    },
    async end() {
      closed = true;
      clearTimeout(probeTimer);
      await inner.end();
    },
  };

  const health: DatabaseHealth = {
    get available() {
      return available;
    },
    get reason() {
      return reason;
    },
    // Up: one `select 1` through the pool, given probeMs to answer. Away: the probe's last word
    // (it looks every second), so a load balancer's checks never pile up on a dead database.
    async check() {
      if (!available) {
        scheduleProbe();
        return false;
      }
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new UnavailableError(`no answer within ${POSTGRES_TIMEOUTS.probeMs} ms`)), POSTGRES_TIMEOUTS.probeMs);
      });
      try {
        await Promise.race([inner.query("select 1"), timeout]);
        return true;
      } catch (error) {
        wentAway(error instanceof UnavailableError ? new Error(error.message) : error);
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    onChange(listener) {
      events.on("change", listener);
      return () => events.off("change", listener);
    },
    close() {
      closed = true;
      clearTimeout(probeTimer);
    },
  };
  return { pool, health };
}
