// npm run bench:contacts — the contacts directory over CONTACTS contacts (100 000 by default), each
// with an e-mail and a phone: searches by a name word, a full name in another order, part of an
// e-mail, a phone typed three ways, a search matching nothing, the first unfiltered page and a
// page further on by cursor. Each query is timed through the API as the directory screen asks it
// (GraphQL over HTTP, a page of 50 with identities and case counts) and as the bare search
// (domain/contacts/list-contacts.ts); p50/p95 per kind. On PostgreSQL (BENCH_DATABASE=pglite for
// the embedded database), with the trigram indexes of the contacts_directory migration.
import { randomUUID } from "node:crypto";
import net from "node:net";
import { listContacts } from "../domain/contacts/list-contacts.ts";
import { PASSWORD, asViewer, makeOrg, makeUser } from "../tests/factories/index.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { TestSession, startTestServer } from "../tests/support/test-server.ts";
import { ms, summary, table } from "./stats.ts";

const CONTACTS = Number(process.env.CONTACTS ?? 100_000);
const ROUNDS = Number(process.env.ROUNDS ?? 40);
const CHUNK = 2000;

const kind = process.env.BENCH_DATABASE === "pglite" ? "pglite" : "postgres";
const database = await createTestDatabase(kind);
// A fixed port (a free one) so the server trusts the origin it is called from, as it would locally.
const port = await new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = probe.address() as net.AddressInfo;
    probe.close(() => resolve(port));
  });
});
const server = await startTestServer({ ROUTING_TICK_MS: "60000", LOG_LEVEL: "warn", PORT: String(port) }, database);
const db = server.app.db.prisma;

const FIRST = [
  "Jan",
  "Anna",
  "Piotr",
  "Maria",
  "Tomasz",
  "Katarzyna",
  "Paweł",
  "Agnieszka",
  "Michał",
  "Ewa",
  "Olga",
  "Dmitri",
  "Emma",
  "Oliver",
  "Zofia",
  "Igor",
];
const STEM = [
  "Kowal",
  "Nowa",
  "Wiśniew",
  "Wójc",
  "Kamiń",
  "Lewandow",
  "Zieliń",
  "Szymań",
  "Woźniak",
  "Dąbrow",
  "Kozłow",
  "Jankow",
  "Mazur",
  "Kwiatkow",
  "Krawczyk",
  "Piotrow",
];
const END = ["ski", "ska", "k", "ek", "owicz", "czyk", "ewski", "iak"];
const pick = <T>(xs: T[], i: number) => xs[i % xs.length];

try {
  console.log(`Loading ${CONTACTS.toLocaleString("en")} contacts on ${kind}…`);
  const org = await makeOrg(server.app);
  const admin = await makeUser(server.app, org, "ADMIN");
  const viewer = await asViewer(server.app, admin.id);
  const started = Date.now();
  for (let from = 0; from < CONTACTS; from += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, CONTACTS - from) }, (_, k) => {
      const i = from + k;
      const firstName = pick(FIRST, i * 7);
      const lastName = `${pick(STEM, Math.floor(i / 3))}${pick(END, Math.floor(i / 48))}`;
      return { id: randomUUID(), i, firstName, lastName, lastContactAt: new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 31_536_000) * 1000) };
    });
    await db.contact.createMany({
      data: rows.map(({ id, firstName, lastName, lastContactAt, i }) => ({
        id,
        organizationId: org.id,
        firstName,
        lastName,
        lastContactAt,
        vip: i % 97 === 0,
      })),
    });
    await db.contactIdentity.createMany({
      data: rows.flatMap(({ id, firstName, lastName, i }) => [
        { organizationId: org.id, contactId: id, kind: "EMAIL" as const, value: `${firstName}.${lastName}.${i}@mail${i % 40}.example`.toLowerCase() },
        { organizationId: org.id, contactId: id, kind: "PHONE" as const, value: `+48${500_000_000 + i * 37}` },
      ]),
    });
  }
  await server.app.db.rawQuery(`analyze "Contact"`);
  await server.app.db.rawQuery(`analyze "ContactIdentity"`);
  console.log(`Loaded in ${((Date.now() - started) / 1000).toFixed(0)} s.`);

  const session = new TestSession(server.url);
  await session.signIn(admin.username, PASSWORD);
  const QUERY = `query($search: String, $after: String) { contactDirectory(search: $search, after: $after, first: 50) {
    nextCursor contacts { id firstName lastName company vip lastContactAt caseCount identities { id kind value } } } }`;
  const some = (n: number) => 500_000_000 + (n % CONTACTS) * 37;
  const page2 = (await listContacts(viewer, { first: 50 }, db)).nextCursor;
  const later = (await listContacts(viewer, { first: 100, after: (await listContacts(viewer, { first: 100 }, db)).nextCursor }, db)).nextCursor;
  const kinds: { name: string; args: (r: number) => { search?: string; after?: string | null } }[] = [
    { name: "first page, no search", args: () => ({}) },
    { name: "a later page (cursor)", args: (r) => ({ after: r % 2 ? page2 : later }) },
    { name: "name word (kowalski)", args: (r) => ({ search: pick(["kowalski", "nowak", "mazurek", "zielińska"], r) }) },
    { name: "full name, other order", args: (r) => ({ search: `${pick(["kowalski", "nowak", "mazurek"], r)} ${pick(FIRST, r).toLowerCase()}` }) },
    { name: "part of an e-mail", args: (r) => ({ search: `.${(r * 2477) % CONTACTS}@mail` }) },
    { name: "phone +48 601 234 567", args: (r) => ({ search: `+48 ${String(some(r * 1013)).replace(/(\d{3})(\d{3})(\d{3})/, "$1 $2 $3")}` }) },
    { name: "phone 0048…", args: (r) => ({ search: `0048${some(r * 733)}` }) },
    { name: "phone, last 6 digits", args: (r) => ({ search: String(some(r * 389)).slice(-6) }) },
    { name: "no match", args: (r) => ({ search: `qzx${r}` }) },
  ];
  const rows: Record<string, string | number>[] = [];
  const all = { api: [] as number[], search: [] as number[] };
  for (const k of kinds) {
    const api: number[] = [];
    const bare: number[] = [];
    let found = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const args = k.args(r);
      let t = performance.now();
      const page = await listContacts(viewer, { ...args, first: 50 }, db);
      bare.push(performance.now() - t);
      found += page.ids.length;
      t = performance.now();
      await session.ok(QUERY, { search: args.search ?? null, after: args.after ?? null });
      api.push(performance.now() - t);
    }
    all.api.push(...api);
    all.search.push(...bare);
    const a = summary(api);
    const s = summary(bare);
    rows.push({
      query: k.name,
      "rows/page": (found / ROUNDS).toFixed(0),
      "search p50": ms(s.p50),
      "search p95": ms(s.p95),
      "API p50": ms(a.p50),
      "API p95": ms(a.p95),
    });
  }
  const a = summary(all.api);
  const s = summary(all.search);
  rows.push({ query: "all of the above", "rows/page": "", "search p50": ms(s.p50), "search p95": ms(s.p95), "API p50": ms(a.p50), "API p95": ms(a.p95) });
  console.log(`\nContacts directory, ${CONTACTS.toLocaleString("en")} contacts (${kind}), ${ROUNDS} rounds per query:\n`);
  table(rows);
} finally {
  await server.close();
  await database.drop();
}
