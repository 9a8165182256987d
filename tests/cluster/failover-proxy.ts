// The cluster test's stand-in for a load balancer: a TCP proxy that sends each new connection to
// the first of its web nodes that accepts it. Connections stay where they were made; when that
// node dies they close, the browser reconnects, and the new connection lands on the next node.
// A real deployment puts an HTTP load balancer (with health checks and WebSocket upgrade) here.
import net from "node:net";

export interface FailoverProxy {
  close(): Promise<void>;
  /** Which node each connection went to, in order (the test checks that failover happened). */
  chosen: number[];
}

export function failoverProxy(port: number, targets: number[], host = "127.0.0.1"): Promise<FailoverProxy> {
  const chosen: number[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    client.pause();
    const attempt = (i: number) => {
      if (i >= targets.length) return client.destroy();
      const upstream = net.connect(targets[i], host);
      // Refused (the node is down): the next one. Errors after connecting are handled below.
      upstream.once("error", () => {
        upstream.destroy();
        attempt(i + 1);
      });
      upstream.once("connect", () => {
        chosen.push(targets[i]);
        sockets.add(upstream);
        upstream.removeAllListeners("error");
        upstream.on("error", () => client.destroy());
        upstream.on("close", () => {
          sockets.delete(upstream);
          client.destroy();
        });
        client.on("close", () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () =>
      resolve({
        chosen,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}
