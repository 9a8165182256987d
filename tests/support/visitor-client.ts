// A visitor's widget, as far as the server can tell: the token, the JSON API and the event stream.
export class VisitorClient {
  token = "";
  constructor(
    readonly baseUrl: string,
    readonly origin = baseUrl,
  ) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        origin: this.origin,
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as Record<string, any> };
  }

  async start(key: string, form: Record<string, unknown>) {
    const r = await this.call("POST", `/api/widget/${key}/start`, form);
    if (r.status === 200) this.token = r.body.token;
    return r;
  }

  upload(bytes: Uint8Array, fileName: string) {
    const form = new FormData();
    form.append("file", new Blob([bytes as BlobPart]), fileName);
    return fetch(`${this.baseUrl}/api/widget/attachments`, {
      method: "POST",
      headers: { origin: this.origin, authorization: `Bearer ${this.token}` },
      body: form,
    }).then(async (r) => ({ status: r.status, body: await r.json() }));
  }

  /** Opens the live feed; `events` fills as they arrive. */
  async listen() {
    const controller = new AbortController();
    const res = await fetch(`${this.baseUrl}/api/widget/events`, {
      headers: { origin: this.origin, authorization: `Bearer ${this.token}` },
      signal: controller.signal,
    });
    const events: Record<string, any>[] = [];
    const reader = res.body!.getReader();
    void (async () => {
      let buffer = "";
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += new TextDecoder().decode(value);
          let i: number;
          while ((i = buffer.indexOf("\n\n")) >= 0) {
            const chunk = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            const data = chunk.split("\n").find((l) => l.startsWith("data: "));
            if (data) events.push(JSON.parse(data.slice(6)));
          }
        }
      } catch {
        // aborted
      }
    })();
    const until = async (test: (e: Record<string, any>) => boolean, ms = 3000) => {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = events.find(test);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching event; got ${JSON.stringify(events)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    return { status: res.status, events, until, close: () => controller.abort() };
  }
}
