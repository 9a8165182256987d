import pino, { type Logger } from "pino";

export type { Logger };

/** JSON logs in production, readable lines on a terminal in development. */
export function createLogger(level: string, pretty: boolean): Logger {
  return pino({
    level,
    base: { pid: process.pid },
    redact: { paths: ["password", "*.password", "secret", "*.secret", "token", "*.token"], censor: "[redacted]" },
    ...(pretty ? { transport: { target: "pino-pretty", options: { colorize: true, ignore: "pid,hostname", translateTime: "HH:MM:ss.l" } } } : {}),
  });
}
