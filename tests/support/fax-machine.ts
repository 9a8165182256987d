// A fax machine for the phone tests: a FaxRtpEndpoint in a process of its own. A real fax machine
// keeps time on its own; one sharing the server's event loop in the test process would also stall
// whenever the server does (answering, writing the case), and a stall in the 1.5 s training is a
// failed fax that says nothing about Centrala. So the machine runs in a child Node process, driven
// over IPC, and the only clock the server's stalls can upset is the server's own.
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import type { FaxRtpOptions, FaxRtpResult } from "../../media/fax/fax-line.ts";

export type FaxMachineMessage =
  | { kind: "ready"; port: number }
  | { kind: "stats"; sent: number; received: number }
  | { kind: "result"; result: FaxRtpResult }
  | { kind: "error"; message: string };

export type FaxMachineCommand = { kind: "start" } | { kind: "hangup" } | { kind: "close" };

export class FaxMachine {
  private latest = { sent: 0, received: 0 };
  private result: Promise<FaxRtpResult> | null = null;

  private constructor(
    private readonly child: ChildProcess,
    /** The machine's RTP port (name it in the call's SDP). */
    readonly port: number,
  ) {
    child.on("message", (message: FaxMachineMessage) => {
      if (message.kind === "stats") this.latest = { sent: message.sent, received: message.received };
    });
  }

  /** A machine whose socket is bound on 127.0.0.1, ready for the far end's packets. */
  static async open(options: FaxRtpOptions): Promise<FaxMachine> {
    const child = fork(path.join(import.meta.dirname, "fax-machine-process.ts"), [JSON.stringify(options)], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.on("message", (message: FaxMachineMessage) => {
        if (message.kind === "ready") resolve(message.port);
        if (message.kind === "error") reject(new Error(`the fax machine failed: ${message.message}`));
      });
      child.once("exit", (code) => reject(new Error(`the fax machine exited (${code}) before it was ready`)));
    });
    return new FaxMachine(child, port);
  }

  /** Starts the modem; settles with its outcome when the fax is over (the process then ends). */
  start(): Promise<FaxRtpResult> {
    this.result ??= new Promise<FaxRtpResult>((resolve, reject) => {
      this.child.on("message", (message: FaxMachineMessage) => {
        if (message.kind === "result") resolve(message.result);
        if (message.kind === "error") reject(new Error(`the fax machine failed: ${message.message}`));
      });
      this.child.once("exit", (code) => reject(new Error(`the fax machine exited (${code}) without a result`)));
      this.send({ kind: "start" });
    });
    return this.result;
  }

  /** The call is over: the machine finishes T.30 with what it has. */
  hangup(): void {
    this.send({ kind: "hangup" });
  }

  /** Packets sent and taken in, as the machine last reported (every 100 ms). */
  stats(): { sent: number; received: number } {
    return this.latest;
  }

  /** Ends the machine at once (a test's clean-up; a finished fax ends it by itself). */
  close(): void {
    if (this.child.exitCode === null && this.child.connected) this.send({ kind: "close" });
  }

  private send(command: FaxMachineCommand): void {
    if (this.child.connected) this.child.send(command);
  }
}
