/**
 * A minimal server-sent events reader over fetch (Node 20 has no EventSource), enough to watch
 * `changes.onChange` the way a browser would: it parses `id:`, `event:` and `data:` lines and
 * can send `Last-Event-ID` like a reconnecting EventSource.
 */
export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

export interface SseStream {
  events: SseEvent[];
  /** The response's headers. */
  headers: Headers;
  /** Everything received so far, as sent. */
  raw(): string;
  /** Data events (not `connected` / `ping`), their data parsed as JSON. */
  messages(): Array<{ id: string | undefined; data: any }>;
  /** Wait until `predicate` holds for the data messages (generous: arrival, not speed). */
  waitFor(predicate: (messages: Array<{ id: string | undefined; data: any }>) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

export async function openSse(url: string, { lastEventId, headers }: { lastEventId?: string; headers?: Record<string, string> } = {}): Promise<SseStream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: "text/event-stream", ...(lastEventId ? { "last-event-id": lastEventId } : {}), ...headers },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`SSE request failed: ${response.status} ${await response.text()}`);
  const events: SseEvent[] = [];
  let received = "";
  let ended: Error | null = null;
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        const text = decoder.decode(chunk, { stream: true });
        received += text;
        buffer += text;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = { id: undefined, event: "message", data: "" };
          for (const line of block.split("\n")) {
            const colon = line.indexOf(":");
            if (colon === 0) continue;
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
            if (field === "id") event.id = value;
            else if (field === "event") event.event = value;
            else if (field === "data") event.data += (event.data ? "\n" : "") + value;
          }
          events.push(event);
        }
      }
      ended = new Error("the stream ended");
    } catch (error) {
      ended = error as Error;
    }
  })();
  const messages = () => events.filter((event) => event.event === "message").map((event) => ({ id: event.id, data: JSON.parse(event.data) }));
  return {
    events,
    headers: response.headers,
    raw: () => received,
    messages,
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(messages())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for SSE messages; got ${JSON.stringify(events)}${ended ? ` (${ended.message})` : ""}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () => controller.abort(),
  };
}

export const onChangeUrl = (baseUrl: string, input: { campaignId: number }) => `${baseUrl}/trpc/changes.onChange?input=${encodeURIComponent(JSON.stringify(input))}`;
