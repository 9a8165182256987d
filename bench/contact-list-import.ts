// npm run bench:import — a 100,000-row contact list (CSV in Windows-1250 with `;`, then XLSX) from
// upload to a READY list through the real HTTP route, on PostgreSQL (BENCH_DATABASE=pglite for the
// embedded database). Prints the time of each and the process's peak RSS while it ran (target:
// under 30 s each, memory bounded: the file is read as a stream and stored in batches).
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { PASSWORD, makeOrg, makeUser } from "../tests/factories/index.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { TestSession, startTestServer } from "../tests/support/test-server.ts";

const ROWS = Number(process.env.ROWS ?? 100_000);
const kind = process.env.BENCH_DATABASE === "pglite" ? "pglite" : "postgres";
const phone = (i: number) => String(600_000_000 + i * 7);

function csv(): Uint8Array {
  const lines = ["telefon;imie;dlug;adres"];
  for (let i = 0; i < ROWS; i++) lines.push(`${phone(i)};Klient ${i};${(i % 997) + 0.5};ul. Dluga ${i % 300}`);
  return new TextEncoder().encode(lines.join("\r\n") + "\r\n");
}

async function xlsx(): Promise<Uint8Array> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = book.addWorksheet("Lista");
  ws.addRow(["telefon", "imie", "dlug", "adres"]).commit();
  for (let i = 0; i < ROWS; i++) ws.addRow([Number(phone(i)), `Klient ${i}`, (i % 997) + 0.5, `ul. Dluga ${i % 300}`]).commit();
  ws.commit();
  await book.commit();
  return new Uint8Array(Buffer.concat(chunks));
}

const database = await createTestDatabase(kind);
const server = await startTestServer({ ROUTING_TICK_MS: "60000", LOG_LEVEL: "warn" }, database);
try {
  const org = await makeOrg(server.app);
  const admin = await makeUser(server.app, org, "ADMIN");
  const session = new TestSession(server.url);
  await session.signIn(admin.username, PASSWORD);
  for (const [label, bytes, name] of [["CSV", csv(), "list.csv"], ["XLSX", await xlsx(), "list.xlsx"]] as const) {
    global.gc?.();
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const t0 = performance.now();
    const form = new FormData();
    form.append("file", new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
    const query = new URLSearchParams({ name: `Bench ${label}`, mapping: JSON.stringify({ phone: 0, name: 1 }) });
    const res = await fetch(`${server.url}/api/contact-lists?${query}`, { method: "POST", headers: { cookie: session.cookie, origin: server.url }, body: form });
    const answer = (await res.json()) as { id?: string };
    if (!answer.id) throw new Error(`the upload was refused: ${res.status} ${JSON.stringify(answer)}`);
    const id = answer.id;
    let list: { status: string; imported: number } | null = null;
    for (;;) {
      list = (await session.ok(`query($id: ID!) { contactList(id: $id) { status imported } }`, { id })).contactList;
      if (list!.status !== "IMPORTING") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    console.log(
      `${label}: ${ROWS} rows (${(bytes.length / 1048576).toFixed(1)} MB) → ${list!.status}, ${list!.imported} imported in ${seconds.toFixed(1)} s; peak RSS ${(peak / 1048576).toFixed(0)} MB (${kind})`,
    );
  }
} finally {
  await server.close();
  await database.drop();
}
