// The letterhead on fax cover pages, against the real database and the real Ghostscript: a
// telephony manager saves it over GraphQL (checked, audited; others refused), previews the cover
// page as a fax machine prints it, and the page carries the heading at its top and the footer at
// its foot only when there is one.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coverPagePostScript, type CoverPage } from "../../media/fax/cover-page.ts";
import { pdfToFaxTiff } from "../../media/fax/fax-documents.ts";
import { PASSWORD, type TestOrg, makeOrg, makeUser } from "../factories/index.ts";
import { blackPerRow } from "../support/fax.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
let admin: TestSession;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "fax-cover-test-"));
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  admin = await signedIn("ADMIN");
}, 60_000);
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function signedIn(role: "ADMIN" | "AGENT") {
  const u = await makeUser(server.app, org, role);
  const s = new TestSession(server.url);
  await s.signIn(u.username, PASSWORD);
  return s;
}
const SAVE = `mutation($input: FaxCoverInput!) { saveFaxCover(input: $input) { heading lines footer } }`;
const READ = `{ faxCover { heading lines footer } }`;
const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;
const LETTERHEAD = {
  heading: "Przedsiębiorstwo Żółw Sp. z o.o.",
  lines: ["ul. Łąkowa 5, 00-950 Warszawa", "", "tel. +48 22 123 45 67 · NIP 525-000-00-00"],
  footer: "Ten faks może zawierać informacje poufne. Jeśli nie jest Pan/Pani adresatem, prosimy o kontakt i zniszczenie dokumentu.",
};

describe("the fax cover page's letterhead", () => {
  it("is saved by telephony managers, checked and audited; others may not", async () => {
    expect((await admin.ok(READ)).faxCover).toEqual({ heading: "", lines: [], footer: "" });
    const saved = (await admin.ok(SAVE, { input: LETTERHEAD })).saveFaxCover;
    // Empty lines are left out.
    expect(saved).toEqual({ ...LETTERHEAD, lines: [LETTERHEAD.lines[0], LETTERHEAD.lines[2]] });
    expect((await admin.ok(READ)).faxCover).toEqual(saved);

    expect(code(await admin.gql(SAVE, { input: { ...LETTERHEAD, heading: "x".repeat(71) } }))).toBe("INVALID_INPUT");
    expect(code(await admin.gql(SAVE, { input: { ...LETTERHEAD, lines: ["1", "2", "3", "4", "5"] } }))).toBe("INVALID_INPUT");
    expect(code(await admin.gql(SAVE, { input: { ...LETTERHEAD, footer: "x".repeat(501) } }))).toBe("INVALID_INPUT");
    const agent = await signedIn("AGENT");
    expect(code(await agent.gql(SAVE, { input: LETTERHEAD }))).toBe("FORBIDDEN");
    expect(code(await agent.gql(READ))).toBe("FORBIDDEN");
    expect((await admin.ok(READ)).faxCover).toEqual(saved);
    const audit = await server.app.db.prisma.auditLog.findMany({ where: { organizationId: org.id, action: "fax_cover.updated" } });
    expect(audit).toHaveLength(1);
  });

  it("is previewed as a fax machine prints the cover page, by telephony managers only", async () => {
    const res = await fetch(`${server.url}/api/fax-documents/cover-preview`, { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const agent = await signedIn("AGENT");
    expect((await fetch(`${server.url}/api/fax-documents/cover-preview`, { headers: { cookie: agent.cookie } })).status).toBe(403);
    expect((await fetch(`${server.url}/api/fax-documents/cover-preview`)).status).toBe(401);
  });

  it("prints the heading at the top and the footer at the foot, and the note still fits between", async () => {
    const page: CoverPage = {
      organization: "Żółw",
      sender: "Anna",
      to: "+48 22 555 01 01",
      from: "+48 22 123 45 67",
      date: "6 grudnia 2026",
      pages: 2,
      note: "Notatka\n".repeat(60),
      language: "pl",
    };
    const render = async (name: string, p: CoverPage) => {
      const ps = path.join(dir, `${name}.ps`);
      await writeFile(ps, coverPagePostScript(p));
      const tif = path.join(dir, `${name}.tif`);
      expect(await pdfToFaxTiff([], tif, "fine", ps)).toHaveLength(1);
      return blackPerRow(tif);
    };
    const plain = await render("plain", page);
    const headed = await render("headed", { ...page, letterhead: { heading: LETTERHEAD.heading, lines: [LETTERHEAD.lines[0]!], footer: LETTERHEAD.footer } });
    const ink = (rows: number[], from: number, to: number) => rows.slice(from, to).reduce((a, b) => a + b, 0);
    // Fine resolution: 196 rows to the inch, 2.72 a point; the heading sits ~40 pt from the top, the
    // title (without a letterhead) ~60 pt.
    expect(ink(plain, 0, 160)).toBe(0);
    expect(ink(headed, 0, 160)).toBeGreaterThan(500);
    // The footer's lines, 40-60 pt above the bottom: empty without a letterhead (the note ends above).
    const n = plain.length;
    expect(ink(plain, n - 170, n - 100)).toBe(0);
    expect(ink(headed, n - 170, n - 100)).toBeGreaterThan(500);
  });
});
