// Fax-on-demand documents end to end against the real database and the real Ghostscript: a
// telephony manager uploads a PDF over HTTP (multipart), it is made into fax pages before it is
// kept, listed over GraphQL and read back; who may not is refused; what is not a PDF, will not
// render or is too large is refused clearly with nothing stored; an IVR flow's fax step must name
// one of the organisation's documents, and a document a flow faxes is not deleted.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, type TestOrg, makeOrg, makeQueue, makeUser } from "../factories/index.ts";
import { makeTestPdf } from "../support/fax.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
let admin: TestSession;
let dir: string;
let pdf: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "fax-documents-test-"));
  pdf = new Uint8Array(await readFile(await makeTestPdf(dir, 3)));
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  admin = await signedIn("ADMIN");
}, 60_000);
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const db = () => server.app.db.prisma;
async function signedIn(role: "ADMIN" | "AGENT") {
  const u = await makeUser(server.app, org, role);
  const s = new TestSession(server.url);
  await s.signIn(u.username, PASSWORD);
  return s;
}
const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;
const reason = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.reason;

async function upload(session: TestSession, file: { name: string; bytes: Uint8Array<ArrayBuffer> }, name = "") {
  const form = new FormData();
  form.append("file", new Blob([file.bytes]), file.name);
  const res = await fetch(`${server.url}/api/fax-documents?${new URLSearchParams({ name })}`, {
    method: "POST",
    headers: { cookie: session.cookie, origin: server.url },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
const count = () => db().faxDocument.count({ where: { organizationId: org.id } });

const LIST = `{ faxDocuments { id name pages originalName originalBytes url } }`;
const DELETE = `mutation($id: ID!) { deleteFaxDocument(id: $id) }`;
const SAVE_FLOW = `mutation($id: ID, $input: IvrFlowInput!) { saveIvrFlow(id: $id, input: $input) { id } }`;

describe("fax documents", () => {
  it("are uploaded as PDFs that render as fax pages, listed and read back; others are refused with nothing kept", async () => {
    const up = await upload(admin, { name: "price-list.pdf", bytes: pdf });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ name: "price-list", pages: 3, originalName: "price-list.pdf", originalBytes: pdf.length });
    const listed = await admin.gql(LIST);
    expect(listed.data!.faxDocuments).toEqual([
      expect.objectContaining({ id: up.body.id, name: "price-list", pages: 3, url: `/api/fax-documents/${up.body.id}` }),
    ]);
    const back = await fetch(`${server.url}/api/fax-documents/${up.body.id}`, { headers: { cookie: admin.cookie } });
    expect(back.headers.get("content-type")).toBe("application/pdf");
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(pdf);

    expect((await upload(admin, { name: "again.pdf", bytes: pdf }, "price-list")).body.fields?.[0]).toMatchObject({ path: "input.name", code: "taken" });
    const notPdf = await upload(admin, { name: "scan.png", bytes: new Uint8Array(Buffer.from("89504e470d0a1a0a", "hex")) });
    expect(notPdf).toMatchObject({ status: 422, body: { reason: "FAX_NOT_PDF" } });
    // starts like a PDF, is not one: Ghostscript's refusal, in words
    const broken = await upload(admin, { name: "broken.pdf", bytes: new Uint8Array(Buffer.from("%PDF-1.4\nnot really\n")) });
    expect(broken).toMatchObject({ status: 422, body: { reason: "FAX_DOCUMENT_UNREADABLE" } });
    expect(broken.body.message).toMatch(/^This PDF cannot be faxed: /);
    const huge = await upload(admin, { name: "huge.pdf", bytes: new Uint8Array(11 * 1024 * 1024) });
    expect(huge).toMatchObject({ status: 413, body: { reason: "FILE_TOO_LARGE" } });
    expect(await count()).toBe(1);

    const agent = await signedIn("AGENT");
    expect((await upload(agent, { name: "x.pdf", bytes: pdf })).status).toBe(403);
    expect(code(await agent.gql(LIST))).toBe("FORBIDDEN");
    expect((await fetch(`${server.url}/api/fax-documents/${up.body.id}`, { headers: { cookie: agent.cookie } })).status).toBe(403);
    expect(await db().auditLog.count({ where: { organizationId: org.id, action: "fax_document.uploaded" } })).toBe(1);
  });

  it("are named by IVR flows' fax steps, and not deleted while a flow faxes them", async () => {
    const doc = (await upload(admin, { name: "terms.pdf", bytes: pdf })).body;
    const queue = await makeQueue(server.app, org, []);
    const flow = (documentId: string) => ({
      name: `Fax line ${documentId.slice(0, 4)}`,
      definition: {
        start: "menu",
        nodes: {
          menu: { type: "menu", prompt: { text: { en: "Press 1 for our terms by fax" } }, options: { "1": "send" }, onFail: "queue" },
          send: { type: "fax", prompt: { text: { en: "Press Start on your fax machine now" } }, documentId },
          queue: { type: "queue", queueId: queue.id },
        },
      },
    });
    const unknown = await admin.gql(SAVE_FLOW, { input: flow("0190e0e0-0000-7000-8000-000000000000") });
    expect(unknown.errors?.[0]?.extensions?.fields).toEqual([
      expect.objectContaining({ path: "input.definition.nodes.send.documentId", code: "ivr_unknown_fax_document" }),
    ]);
    const saved = await admin.gql(SAVE_FLOW, { input: flow(doc.id) });
    expect(saved.errors).toBeUndefined();
    const refused = await admin.gql(DELETE, { id: doc.id });
    expect(reason(refused)).toBe("FAX_DOCUMENT_IN_USE");
    expect(refused.errors?.[0]?.extensions).toMatchObject({ usedBy: { ivrFlows: [flow(doc.id).name] } });
    await db().ivrFlow.delete({ where: { id: saved.data!.saveIvrFlow.id } });
    expect((await admin.gql(DELETE, { id: doc.id })).data?.deleteFaxDocument).toBe(true);
    expect(await db().faxDocument.count({ where: { id: doc.id } })).toBe(0);
  });
});
