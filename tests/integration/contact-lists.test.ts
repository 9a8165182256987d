// Contact lists end to end on the real database: an admin uploads a CSV (Windows-1250, `;`) and an
// XLSX over HTTP, maps its columns, the rows are read in the background while the list's progress
// moves on, and every rejected row is kept with its reason: no number, not a number, on the
// do-not-call list, blocked, repeated. Entries are searched and paged, exported, and the list deleted;
// an agent may do none of it; imports, deletions and do-not-call changes are audited.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORT_STALL_MS, failInterruptedImports } from "../../domain/campaigns/contact-lists/import-list.ts";
import { PASSWORD, type TestOrg, makeOrg, makeUser } from "../factories/index.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
let admin: TestSession;

beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  admin = await signedIn("ADMIN");
}, 180_000);
afterAll(async () => {
  await server?.close();
});

async function signedIn(role: "ADMIN" | "AGENT" | "SUPERVISOR") {
  const u = await makeUser(server.app, org, role);
  const s = new TestSession(server.url);
  await s.signIn(u.username, PASSWORD);
  return s;
}

const CP1250: Record<string, number> = { ą: 0xb9, ć: 0xe6, ę: 0xea, ł: 0xb3, ń: 0xf1, ó: 0xf3, ś: 0x9c, ź: 0x9f, ż: 0xbf, Ł: 0xa3, Ż: 0xaf, Ś: 0x8c };
const cp1250 = (s: string) => Uint8Array.from([...s].map((c) => CP1250[c] ?? c.charCodeAt(0)));

async function post(session: TestSession, path: string, bytes: Uint8Array, name: string, query: Record<string, string> = {}) {
  const form = new FormData();
  form.append("file", new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  const res = await fetch(`${server.url}${path}?${new URLSearchParams(query)}`, { method: "POST", headers: { cookie: session.cookie, origin: server.url }, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const LIST = `{ id name status processedRows totalRows imported duplicates blocked doNotCall invalid fieldNames failure }`;
async function finished(id: string) {
  for (let i = 0; i < 200; i++) {
    const { contactList } = await admin.ok(`query($id: ID!) { contactList(id: $id) ${LIST} }`, { id });
    if (contactList.status !== "IMPORTING") return contactList;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the import did not finish");
}

describe("contact lists", () => {
  it("imports a Windows-1250 CSV with `;`, setting aside each rejected row with its reason", async () => {
    await admin.ok(`mutation { addDoNotCallNumbers(numbers: ["601 000 003", "nonsense"], note: "asked") { added invalidCount } }`);
    await admin.ok(`mutation { blockNumber(input: { number: "+48601000004" }) { id } }`);
    const csv = cp1250(
      [
        "Telefon;Imię;E-mail;Dług;Adres",
        "601 000 001;Łucja Żak;l@x.pl;120,50;Łódź",
        "601-000-002;Świętosław;;99;Kraków",
        "601000003;Nie dzwonić;;1;x",
        "601000004;Zablokowany;;1;x",
        "+48 601 000 001;Powtórka;;1;x",
        ";Bez numeru;;1;x",
        "12;Zły numer;;1;x",
        "",
        "601000005;Krótki",
      ].join("\r\n") + "\r\n",
    );
    const preview = await post(admin, "/api/contact-lists/preview", csv, "lista.csv");
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ format: "CSV", encoding: "windows-1250", delimiter: ";", header: ["Telefon", "Imię", "E-mail", "Dług", "Adres"] });
    expect(preview.body.sample[0]).toEqual(["601 000 001", "Łucja Żak", "l@x.pl", "120,50", "Łódź"]);

    const started = await post(admin, "/api/contact-lists", csv, "lista.csv", { name: "Windykacja", mapping: JSON.stringify({ phone: 0, name: 1, email: 2 }) });
    expect(started.status).toBe(202);
    const list = await finished(started.body.id);
    expect(list).toMatchObject({ status: "READY", imported: 3, duplicates: 1, blocked: 1, doNotCall: 1, invalid: 2, fieldNames: ["Dług", "Adres"], processedRows: 9 });

    const { contactListEntries: page } = await admin.ok(`query($id: ID!) { contactListEntries(listId: $id, search: "łucja") { total items { row phone name email fields } } }`, { id: list.id });
    expect(page).toEqual({ total: 1, items: [{ row: 2, phone: "+48601000001", name: "Łucja Żak", email: "l@x.pl", fields: { Dług: "120,50", Adres: "Łódź" } }] });
    const { contactListRejects: rejects } = await admin.ok(`query($id: ID!) { contactListRejects(listId: $id) { total items { row reason phone } } }`, { id: list.id });
    expect(rejects.items).toEqual([
      { row: 4, reason: "DO_NOT_CALL", phone: "+48601000003" },
      { row: 5, reason: "BLOCKED", phone: "+48601000004" },
      { row: 6, reason: "DUPLICATE", phone: "+48601000001" },
      { row: 7, reason: "EMPTY_PHONE", phone: "" },
      { row: 8, reason: "INVALID_PHONE", phone: "12" },
    ]);

    const rejectsCsv = await fetch(`${server.url}/api/contact-lists/${list.id}/rejects.csv`, { headers: { cookie: admin.cookie } });
    const text = await rejectsCsv.text();
    expect(text.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("row,reason,phone,Telefon,Imię,E-mail,Dług,Adres");
    expect(text).toContain("8,INVALID_PHONE,12,12,Zły numer,,1,x");
    const entriesCsv = await (await fetch(`${server.url}/api/contact-lists/${list.id}/entries.csv`, { headers: { cookie: admin.cookie } })).text();
    expect(entriesCsv.replace(/^\uFEFF/, "").split("\r\n").slice(0, 2)).toEqual(["phone,name,email,externalId,Dług,Adres", `'+48601000001,Łucja Żak,l@x.pl,,"120,50",Łódź`]);
  });

  it("imports an XLSX, exports it with its fields, and deletes it (audited)", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("A");
    ws.addRow(["id", "phone", "debt"]);
    for (let i = 0; i < 2500; i++) ws.addRow([`C${i}`, 602000000 + i, { formula: `${i}*2`, result: i * 2 }]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const started = await post(admin, "/api/contact-lists", bytes, "list.xlsx", { name: "Big", mapping: JSON.stringify({ phone: 1, externalId: 0 }) });
    const list = await finished(started.body.id);
    expect(list).toMatchObject({ status: "READY", imported: 2500, invalid: 0, fieldNames: ["debt"], processedRows: 2500 });
    const { contactListEntries } = await admin.ok(`query($id: ID!) { contactListEntries(listId: $id, offset: 2000, limit: 2) { total items { externalId phone fields } } }`, { id: list.id });
    expect(contactListEntries).toEqual({ total: 2500, items: [{ externalId: "C2000", phone: "+48602002000", fields: { debt: "4000" } }, { externalId: "C2001", phone: "+48602002001", fields: { debt: "4002" } }] });

    const xlsx = await fetch(`${server.url}/api/contact-lists/${list.id}/entries.xlsx`, { headers: { cookie: admin.cookie } });
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await xlsx.arrayBuffer());
    expect(back.worksheets[0].rowCount).toBe(2501);
    expect(back.worksheets[0].getRow(1).values).toEqual([undefined, "phone", "name", "email", "externalId", "debt"]);

    await admin.ok(`mutation($id: ID!) { deleteContactList(id: $id) }`, { id: list.id });
    expect(await server.app.db.prisma.contactListEntry.count({ where: { listId: list.id } })).toBe(0);
    const audit = await admin.ok(`{ auditLog(action: "contact_list.") { action } }`);
    expect(audit.auditLog.map((a: { action: string }) => a.action).sort()).toEqual(["contact_list.deleted", "contact_list.imported", "contact_list.imported"]);
  });

  it("an import whose server stopped half-way fails as interrupted, keeping the rows it stored", async () => {
    const db = server.app.db.prisma;
    const now = Date.now();
    const at = (ago: number) => new Date(now - ago);
    // One stopped moving 6 minutes ago with 2 of its rows stored; one never stored a batch; one is
    // still moving; one started a minute ago and has not stored its first batch yet.
    const stalled = await db.contactList.create({
      data: { organizationId: org.id, name: "Stalled", processedRows: 2000, progressAt: at(IMPORT_STALL_MS + 60_000), createdAt: at(IMPORT_STALL_MS + 120_000), entries: { create: [{ row: 2, phone: "+48601000101", name: "Kept" }, { row: 3, phone: "+48601000102", name: "Kept too" }] } },
    });
    const silent = await db.contactList.create({ data: { organizationId: org.id, name: "Silent", createdAt: at(IMPORT_STALL_MS + 1000) } });
    const moving = await db.contactList.create({ data: { organizationId: org.id, name: "Moving", progressAt: at(5000), createdAt: at(IMPORT_STALL_MS * 3) } });
    const young = await db.contactList.create({ data: { organizationId: org.id, name: "Young", createdAt: at(60_000) } });
    expect(await failInterruptedImports(server.app.deps)).toBe(2);
    const state = async (id: string) => (await db.contactList.findUniqueOrThrow({ where: { id } })).status;
    expect([await state(stalled.id), await state(silent.id), await state(moving.id), await state(young.id)]).toEqual(["FAILED", "FAILED", "IMPORTING", "IMPORTING"]);
    const { contactList } = await admin.ok(`query($id: ID!) { contactList(id: $id) ${LIST} }`, { id: stalled.id });
    expect(contactList).toMatchObject({ status: "FAILED", failure: "IMPORT_INTERRUPTED", processedRows: 2000 });
    expect(await db.contactListEntry.count({ where: { listId: stalled.id } })).toBe(2);
    expect(await failInterruptedImports(server.app.deps)).toBe(0);
  });

  it("refuses what it cannot import, with coded reasons", async () => {
    const empty = await post(admin, "/api/contact-lists/preview", new Uint8Array(), "e.csv");
    expect([empty.status, empty.body.details?.reason ?? empty.body.reason]).toEqual([422, "LIST_FILE_EMPTY"]);
    const noColumn = await post(admin, "/api/contact-lists", new TextEncoder().encode("a,b\n1,2\n"), "x.csv", { name: "X", mapping: JSON.stringify({ phone: 5 }) });
    expect(noColumn.status).toBe(422);
    expect(JSON.stringify(noColumn.body)).toContain("NO_SUCH_COLUMN");
  });

  it("the do-not-call list is managed by admins and supervisors, audited; agents may not", async () => {
    const supervisor = await signedIn("SUPERVISOR");
    const { doNotCallNumbers } = await supervisor.ok(`{ doNotCallNumbers(search: "601000003") { total items { id number note } } }`);
    expect(doNotCallNumbers).toMatchObject({ total: 1, items: [{ number: "+48601000003", note: "asked" }] });
    await supervisor.ok(`mutation($id: ID!) { removeDoNotCallNumber(id: $id) }`, { id: doNotCallNumbers.items[0].id });
    const audit = await admin.ok(`{ auditLog(action: "do_not_call.") { action } }`);
    expect(audit.auditLog.map((a: { action: string }) => a.action).sort()).toEqual(["do_not_call.added", "do_not_call.removed"]);

    const agent = await signedIn("AGENT");
    const r = await agent.gql(`{ contactLists { id } }`);
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const up = await post(agent, "/api/contact-lists/preview", new TextEncoder().encode("a\n1\n"), "x.csv");
    expect(up.status).toBe(403);
  });
});
