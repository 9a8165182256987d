// Server-sent events read from a fetch() body (so a token can travel in a header, which
// EventSource cannot send): each `data:` line's JSON, in order, until the stream ends.
export async function readServerEvents(body: ReadableStream<Uint8Array<ArrayBuffer>>, onEvent: (data: unknown) => void): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let cut: number;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const data = buffer
        .slice(0, cut)
        .split("\n")
        .find((l) => l.startsWith("data: "));
      buffer = buffer.slice(cut + 2);
      if (data) onEvent(JSON.parse(data.slice(6)));
    }
  }
}
