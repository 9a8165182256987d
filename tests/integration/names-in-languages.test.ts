// Names people choose from come in the reader's language: the demo organisation speaks one
// language (Polish) with its pause reasons, dispositions and statuses translated, and admins give
// any such name in pl/en/ru; each user sees theirs, else the default name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed/demo-data.ts";
import { seedIfEmpty } from "../../prisma/seed/seed.ts";
import { PASSWORD, makeOrg, makeUser } from "../factories/index.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ SEED: "demo" });
  await seedIfEmpty(server.app.db.prisma, server.app.deps.passwords, server.app.deps.secrets, "demo");
});
afterAll(() => server?.close());

async function as(username: string, password = DEMO_PASSWORD) {
  const s = new TestSession(server.url);
  expect((await s.signIn(username, password)).status).toBe(200);
  return s;
}
const WORDS = `{ pauseCodes { name } dispositionCodes { name } processes { statuses { name } } }`;
const names = (d: { pauseCodes: { name: string }[]; dispositionCodes: { name: string }[]; processes: { statuses: { name: string }[] }[] }) => ({
  pause: d.pauseCodes.map((c) => c.name),
  dispositions: d.dispositionCodes.map((c) => c.name),
  statuses: d.processes[0].statuses.map((s) => s.name),
});

describe("the demo organisation's words", () => {
  it("are in one language, each user reading them in theirs", async () => {
    const pl = names(await (await as("agent1")).ok(WORDS));
    expect(pl.pause).toEqual(["Przerwa 1", "Przerwa 2", "Szkolenie", "Spotkanie", "Problem techniczny", "Nieodebrane oferty"]);
    expect(pl.statuses).toEqual(["Nowa", "W toku", "Czeka na klienta", "Rozwiązana", "Zamknięta"]);
    const en = names(await (await as("agent2")).ok(WORDS));
    expect(en.pause).toEqual(["Pause 1", "Pause 2", "Training", "Meeting", "Technical problem", "Missed offers"]);
    expect(en.dispositions).toEqual(["Resolved", "Call back later", "Sale", "No sale", "Complaint", "Wrong number"]);
    expect(en.statuses).toEqual(["New", "Open", "Waiting for customer", "Resolved", "Closed"]);
    const ru = names(await (await as("agent3")).ok(WORDS));
    expect(ru.dispositions[0]).toBe("Решено");
    expect(ru.statuses[1]).toBe("В работе");
    // Its tags too, and its macro (a Polish reply for the Polish desk) takes the case and swaps them.
    const tags = async (u: string) => (await (await as(u)).ok(`{ tags { name } }`)).tags.map((x: { name: string }) => x.name);
    expect(await tags("agent2")).toEqual(["Invoice", "Urgent", "Complaint", "Refund"]);
    expect(await tags("agent3")).toEqual(["Счёт", "Срочно", "Жалоба", "Возврат"]);
    expect((await (await as("agent1")).ok(`{ macros { name assign addTags { name } removeTags { name } } }`)).macros).toEqual([
      { name: "Zwrot przyjęty", assign: "ME", addTags: [{ name: "Zwrot" }], removeTags: [{ name: "Pilne" }] },
    ]);
    const queues = await server.app.db.prisma.queue.findMany({ select: { name: true }, orderBy: { name: "asc" } });
    expect(queues.map((q) => q.name)).toEqual(["Obsługa klienta", "Sprzedaż"]);
  });
});

describe("names an admin gives in several languages", () => {
  it("show in each viewer's language, else the default name", async () => {
    const org = await makeOrg(server.app);
    const admin = await makeUser(server.app, org, "ADMIN");
    const ru = await makeUser(server.app, org, "AGENT", { locale: "ru" });
    const pl = await makeUser(server.app, org, "AGENT", { locale: "pl" });
    const a = await as(admin.username, PASSWORD);
    const saved = await a.ok(`mutation($i: DispositionCodeInput!) { saveDispositionCode(input: $i) { id name defaultName translations } }`, {
      i: { name: "Callback", translations: { ru: "Перезвонить", pl: " " } },
    });
    expect(saved.saveDispositionCode).toMatchObject({ name: "Callback", defaultName: "Callback", translations: { ru: "Перезвонить" } });
    const read = async (u: { username: string }) => (await (await as(u.username, PASSWORD)).ok(`{ dispositionCodes { name } }`)).dispositionCodes.map((c: { name: string }) => c.name);
    expect(await read(ru)).toEqual(["Перезвонить"]);
    expect(await read(pl)).toEqual(["Callback"]);
    const bad = await a.gql(`mutation($i: DispositionCodeInput!) { saveDispositionCode(input: $i) { id } }`, { i: { name: "X", translations: { de: "Rückruf" } } });
    expect(bad.errors?.[0].extensions?.code).toBe("INVALID_INPUT");
  });
});
