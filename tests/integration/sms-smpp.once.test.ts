// The SMPP client against a real SMSC on loopback: the `smpp` package's server role, playing a
// provider that splits nothing, joins parts by their raw bytes, sends a delivery receipt for every
// part, throttles, drops the link, refuses a bind or a number, and sends messages in (long ones in
// parts, out of order, cut inside an escape pair). No database: one project runs it.
import type { PDU } from "smpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncomingSmsPart, SmsReceipt } from "../../domain/sms/sms-provider.ts";
import { concatInfo, encodeGsm, encodeUcs2, joinParts } from "../../domain/sms/sms-text.ts";
import { SmppClient, SmppRefused, SmppUnavailable } from "../../lib/sms/smpp-client.ts";
import { TestSmsc, smpp } from "../support/smsc.ts";
import { until } from "../support/until.ts";

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const smsc = new TestSmsc();
let port: number;

beforeAll(async () => {
  port = (await smsc.start()).port;
});
afterAll(() => smsc.close());

function client(extra: Partial<ConstructorParameters<typeof SmppClient>[0]> = {}) {
  const inbound: IncomingSmsPart[] = [];
  const receipts: SmsReceipt[] = [];
  const handlers = {
    inbound: async (p: IncomingSmsPart) => void inbound.push(p),
    receipt: async (r: SmsReceipt) => void receipts.push(r),
  };
  const c = new SmppClient(
    { host: "127.0.0.1", port, systemId: "centrala", password: "s3cret", ratePerSecond: 500, reconnectMs: { first: 50, last: 200 }, ...extra },
    handlers,
    quiet,
  );
  c.start();
  return { c, inbound, receipts, handlers };
}

const texts = (to: string) => smsc.texts(to);

const POLISH =
  "Szanowny Kliencie, uprzejmie przypominamy, że termin płatności faktury nr 12/2026 na kwotę 1 250,00 zł minął 20 grudnia. Prosimy o wpłatę lub kontakt z działem obsługi.";
const RUSSIAN =
  "Уважаемый клиент! Напоминаем, что срок оплаты счёта № 12/2026 на сумму 1 250,00 злотых истёк 20 декабря. Просим оплатить счёт или связаться с нами.";
const GSM = "Cena: 5€ {promocja} [do 20.12] ~ " + "x".repeat(140);

describe("SMPP client", () => {
  it("sends Polish, Russian and GSM texts in parts that the SMSC joins whole; every part's receipt names it", async () => {
    const { c, receipts } = client();
    const sent = await Promise.all([
      c.send({ to: "+48600000001", from: "Centrala", text: POLISH, ref: 1 }),
      c.send({ to: "+48600000002", from: "+48221230000", text: RUSSIAN, ref: 2 }),
      c.send({ to: "+48600000003", from: "Centrala", text: GSM, ref: 3 }),
    ]);
    expect(texts("48600000001")).toEqual([POLISH]);
    expect(texts("48600000002")).toEqual([RUSSIAN]);
    expect(texts("48600000003")).toEqual([GSM]);
    expect(sent.map((s) => s.partIds.length)).toEqual([3, 3, 2]);
    const mt = smsc.submitted.filter((s) => s.to === "48600000002");
    expect(mt.every((s) => s.dataCoding === 8 && s.from === "48221230000")).toBe(true);
    expect(smsc.submitted.filter((s) => s.to === "48600000003").every((s) => s.dataCoding === 0)).toBe(true);
    const ids = sent.flatMap((s) => s.partIds);
    await until("a receipt for every part", async () => ids.every((id) => receipts.some((r) => r.partId === id)));
    expect(receipts.filter((r) => ids.includes(r.partId)).every((r) => r.state === "DELIVERED" && r.detail === "DELIVRD err:000")).toBe(true);

    const failed = await c.send({ to: "+48600000999", from: "Centrala", text: "Halo", ref: 4 });
    await until("its receipt", async () => receipts.find((r) => r.partId === failed.partIds[0]));
    expect(receipts.find((r) => r.partId === failed.partIds[0])).toMatchObject({ state: "FAILED", detail: "UNDELIV err:001" });
    await expect(c.send({ to: "000", from: "Centrala", text: "Halo", ref: 5 })).rejects.toBeInstanceOf(SmppRefused);
    await c.stop();
  });

  it("throttled by the SMSC and paced by itself, loses nothing", async () => {
    smsc.throttle = { max: 5, windowMs: 100, stamps: [] };
    smsc.throttled = 0;
    const { c } = client({ ratePerSecond: 200 });
    const to = (i: number) => `+4860100${String(i).padStart(4, "0")}`;
    await Promise.all(Array.from({ length: 40 }, (_, i) => c.send({ to: to(i), from: "Centrala", text: `Wiadomość ${i}`, ref: i })));
    expect(smsc.throttled).toBeGreaterThan(0);
    for (let i = 0; i < 40; i++) expect(texts(to(i).slice(1))).toEqual([`Wiadomość ${i}`]);
    smsc.throttle = null;
    await c.stop();
  });

  it("a link dropped mid-send is bound again and every message arrives (the unanswered part at most twice)", async () => {
    const { c } = client();
    await until("bound", async () => c.state === "BOUND");
    const binds = smsc.binds;
    smsc.dropAt = 7;
    const to = (i: number) => `+4860200${String(i).padStart(4, "0")}`;
    await Promise.all(Array.from({ length: 20 }, (_, i) => c.send({ to: to(i), from: "Centrala", text: `Przypomnienie ${i}`, ref: i })));
    expect(smsc.binds).toBeGreaterThan(binds);
    for (let i = 0; i < 20; i++) expect(texts(to(i).slice(1))).toContain(`Przypomnienie ${i}`);
    await c.stop();
  });

  it("receives messages in parts, out of order and cut inside an escape pair; stores before answering", async () => {
    const { c, inbound, handlers } = client();
    await until("bound", async () => c.state === "BOUND");
    // The first delivery fails to be stored: the SMSC is told so, and delivers it again.
    let failOnce = true;
    const store = handlers.inbound;
    handlers.inbound = async (p) => {
      if (failOnce) {
        failOnce = false;
        throw new Error("database down");
      }
      await store(p);
    };
    const answers: number[] = [];
    const session = [...smsc.sessions].at(-1)!;
    const deliver = async (fields: Parameters<TestSmsc["deliver"]>[0]) => void answers.push(await smsc.deliver(fields));
    const text = "a".repeat(152) + "€ do zapłaty? Nie, dziękuję".replace(/[łę]/g, "l");
    const bytes = encodeGsm(text);
    const parts = [bytes.subarray(0, 153), bytes.subarray(153)];
    const udh = (seq: number) => Buffer.from([5, 0, 3, 42, 2, seq]);
    const mo = { source_addr: "48601234567", destination_addr: "48221230000", esm_class: 0x40, data_coding: 0 };
    await deliver({ ...mo, short_message: Buffer.concat([udh(2), parts[1]]) });
    await deliver({ ...mo, short_message: Buffer.concat([udh(2), parts[1]]) });
    await deliver({ ...mo, short_message: Buffer.concat([udh(1), parts[0]]) });
    await deliver({
      source_addr: "48601234567",
      destination_addr: "48221230000",
      esm_class: 0,
      data_coding: 8,
      short_message: Buffer.from(encodeUcs2("СТОП")),
    });
    expect(answers).toEqual([smpp.ESME_RSYSERR, 0, 0, 0]);
    expect(inbound).toHaveLength(3);
    expect(inbound.every((p) => p.from === "48601234567" && p.to === "48221230000")).toBe(true);
    const long = inbound.filter((p) => p.udh);
    expect(
      joinParts(
        long.map((p) => ({ seq: concatInfo(p.udh!)!.seq, payload: p.payload })),
        0,
      ),
    ).toBe(text);
    expect(joinParts([{ seq: 1, payload: inbound[2].payload }], inbound[2].dataCoding)).toBe("СТОП");
    // The SMSC's keep-alives are answered.
    const resp = await new Promise<PDU>((r) => session.enquire_link({}, r));
    expect(resp.command_status).toBe(0);
    await c.stop();
  });

  it("a refused bind keeps the link down with the reason; sends give up after their wait", async () => {
    const { c } = client({ password: "wrong", giveUpMs: 400 });
    await until("refused", async () => c.error.includes("bind refused"));
    expect(c.state).not.toBe("BOUND");
    await expect(c.send({ to: "+48600000001", from: "Centrala", text: "Halo", ref: 1 })).rejects.toBeInstanceOf(SmppUnavailable);
    await c.stop();
    expect(c.state).toBe("STOPPED");
  });
});
