// A private Dovecot IMAP server for one test file (or bench): its own config, users (passwd-file)
// and Maildir in a temp folder, IMAP on a free loopback port, plaintext login allowed (loopback
// only), started in the foreground and killed at the end. Needs `apt-get install dovecot-imapd`.
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";

const DOVECOT = "/usr/sbin/dovecot";

export interface Dovecot {
  host: string;
  port: number;
  addUser(name: string, password: string): Promise<void>;
  append(user: string, password: string, raw: string | Buffer, folder?: string): Promise<{ uid: number; uidValidity: number }>;
  /** Many messages over one connection (benchmarks). */
  appendMany(user: string, password: string, raws: (string | Buffer)[], folder?: string): Promise<void>;
  createFolder(user: string, password: string, name: string): Promise<void>;
  deleteFolder(user: string, password: string, name: string): Promise<void>;
  /** Dovecot's log so far (for a failing test's message). */
  log(): string;
  stop(): Promise<void>;
}

function systemUser(name: string) {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`No "${name}" user: is dovecot-imapd installed?`);
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("data", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export async function startDovecot(): Promise<Dovecot> {
  if (!existsSync(DOVECOT)) throw new Error("Dovecot is not installed: apt-get install dovecot-imapd");
  const dir = mkdtempSync(path.join(os.tmpdir(), "centrala-dovecot-"));
  // Run as root, Dovecot's auth process is the unprivileged "dovecot" user: it must reach the passwd-file.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const me = os.userInfo();
  // Dovecot never keeps mail as root: as root, mail belongs to its own "dovecot" user.
  const mailUser = me.uid === 0 ? systemUser("dovecot") : { uid: me.uid, gid: me.gid };
  for (const sub of ["mail", "home"]) {
    mkdirSync(path.join(dir, sub));
    if (me.uid === 0) chownSync(path.join(dir, sub), mailUser.uid, mailUser.gid);
  }
  const passwd = path.join(dir, "passwd");
  const log = path.join(dir, "dovecot.log");
  writeFileSync(passwd, "", { mode: 0o644 });
  const conf = path.join(dir, "dovecot.conf");
  writeFileSync(
    conf,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${log}
info_log_path = ${log}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = ${me.uid === 0 ? "dovenull" : me.username}
default_internal_user = ${me.uid === 0 ? "dovecot" : me.username}
default_internal_group = ${me.uid === 0 ? "dovecot" : me.username}
mail_location = maildir:${dir}/mail/%u
first_valid_uid = ${mailUser.uid}
first_valid_gid = ${mailUser.gid}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${passwd}
}
userdb {
  driver = static
  args = uid=${mailUser.uid} gid=${mailUser.gid} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
protocol imap {
  mail_max_userip_connections = 100
}
`,
  );
  const child: ChildProcess = spawn(DOVECOT, ["-F", "-c", conf], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 15_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      const tail = existsSync(log) ? readFileSync(log, "utf8").slice(-2000) : "";
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`Dovecot did not start on port ${port}:\n${output}\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const client = async (user: string, password: string) => {
    const c = new ImapFlow({ host: "127.0.0.1", port, secure: false, doSTARTTLS: false, auth: { user, pass: password }, logger: false });
    await c.connect();
    return c;
  };
  const session = async <T>(user: string, password: string, work: (c: ImapFlow) => Promise<T>) => {
    const c = await client(user, password);
    try {
      return await work(c);
    } finally {
      await c.logout().catch(() => c.close());
    }
  };

  return {
    host: "127.0.0.1",
    port,
    async addUser(name, password) {
      writeFileSync(passwd, `${readFileSync(passwd, "utf8")}${name}:{PLAIN}${password}\n`);
    },
    append: (user, password, raw, folder = "INBOX") =>
      session(user, password, async (c) => {
        const r = await c.append(folder, raw);
        if (!r) throw new Error("APPEND failed");
        return { uid: Number(r.uid), uidValidity: Number(r.uidValidity) };
      }),
    appendMany: (user, password, raws, folder = "INBOX") =>
      session(user, password, async (c) => {
        for (const raw of raws) await c.append(folder, raw);
      }),
    createFolder: (user, password, name) => session(user, password, async (c) => void (await c.mailboxCreate(name))),
    deleteFolder: (user, password, name) => session(user, password, async (c) => void (await c.mailboxDelete(name))),
    log: () => (existsSync(log) ? readFileSync(log, "utf8") : "") + output,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 100));
      if (child.exitCode === null) child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
