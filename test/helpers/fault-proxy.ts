import net from "node:net";

/**
 * How the proxy treats traffic: `pass` relays it; `refuse` closes every new connection at once (a
 * database restarting); `blackhole` accepts connections and holds every byte, in both directions,
 * without answering (a database that is stopped, or a network that drops packets).
 */
export type FaultMode = "pass" | "refuse" | "blackhole";

export interface FaultProxy {
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string;
  setMode(mode: FaultMode): void;
  /** Destroy every open connection (a restart cuts them; pg sees ECONNRESET or "Connection terminated"). */
  cutAll(): void;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket | null;
}

/** A TCP proxy in front of `target` (host:port) whose faults a test switches on and off. */
export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let mode: FaultMode = "pass";
  const pairs = new Set<Pair>();

  const relay = (pair: Pair) => {
    if (!pair.upstream) {
      const upstream = net.connect(target.port, target.host);
      upstream.on("error", () => pair.client.destroy());
      upstream.on("close", () => pair.client.destroy());
      pair.client.on("close", () => upstream.destroy());
      pair.upstream = upstream;
    }
    pair.client.pipe(pair.upstream);
    pair.upstream.pipe(pair.client);
  };
  const hold = (pair: Pair) => {
    pair.client.unpipe();
    pair.upstream?.unpipe();
    pair.client.pause();
    pair.upstream?.pause();
  };

  const server = net.createServer((client) => {
    if (mode === "refuse") return void client.destroy();
    const pair: Pair = { client, upstream: null };
    pairs.add(pair);
    client.on("error", () => {});
    client.on("close", () => pairs.delete(pair));
    if (mode === "pass") relay(pair);
    else hold(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;

  const cutAll = () => {
    for (const pair of pairs) {
      pair.client.destroy();
      pair.upstream?.destroy();
    }
    pairs.clear();
  };

  return {
    via(url) {
      const address = new URL(url);
      address.hostname = "127.0.0.1";
      address.port = String(port);
      return address.toString();
    },
    setMode(next) {
      if (next === mode) return;
      const previous = mode;
      mode = next;
      for (const pair of pairs) {
        if (next === "blackhole") hold(pair);
        else if (previous === "blackhole") relay(pair);
      }
    },
    cutAll,
    async close() {
      cutAll();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
