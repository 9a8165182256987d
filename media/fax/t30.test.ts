import { describe, expect, it } from "vitest";
import { faxHeader, faxIdent, faxOutcome, parseFaxEvent, type FaxEvent, type FaxPageReport } from "./t30";

const page = (n: number, badRows = 0): FaxEvent => ({
  event: "page",
  seconds: 10 * n,
  code: 0,
  bitRate: 14400,
  ecm: badRows === 0,
  pagesTx: 0,
  pagesRx: n,
  width: 1728,
  length: 2292,
  xRes: 8031,
  yRes: 7700,
  encoding: 3,
  imageBytes: 6600,
  badRows,
  ecmRetries: n === 2 ? 2 : 0,
});

describe("parseFaxEvent", () => {
  it("reads the helper's JSON lines and skips its log lines and noise", () => {
    expect(parseFaxEvent('{"event":"phase_b","seconds":7.1,"remoteIdent":"+48 22 1","code":0}')).toMatchObject({
      event: "phase_b",
      remoteIdent: "+48 22 1",
    });
    expect(parseFaxEvent("# FLOW T.30 state 7")).toBeNull();
    expect(parseFaxEvent("{broken")).toBeNull();
    expect(parseFaxEvent('{"event":"surprise"}')).toBeNull();
  });
});

describe("faxOutcome", () => {
  it("sums what arrived: pages, ident, speed, ECM repairs, CPU", () => {
    const events: FaxEvent[] = [
      { event: "phase_b", seconds: 7, remoteIdent: "+48 22 000 00 01", code: 0 },
      page(1),
      page(2),
      page(3),
      { event: "done", ok: true, code: 0, reason: "OK", pagesRx: 3, bitRate: 14400, ecm: true, remoteIdent: "+48 22 000 00 01" },
      { event: "exit", audioSeconds: 145, filledFrames: 4, cpuMs: 210 },
    ];
    expect(faxOutcome("receive", events)).toMatchObject({
      ok: true,
      reason: "OK",
      pages: 3,
      remoteIdent: "+48 22 000 00 01",
      bitRate: 14400,
      ecm: true,
      ecmRetries: 2,
      audioSeconds: 145,
      cpuMs: 210,
      filledFrames: 4,
    });
  });

  it("keeps a failed fax's pages and reason; a helper that died says so", () => {
    const partial = faxOutcome("receive", [page(1, 14), { event: "done", ok: false, code: 48, reason: "Unexpected DCS frame", pagesRx: 1 }]);
    expect(partial).toMatchObject({ ok: false, pages: 1, badRows: 14, reason: "Unexpected DCS frame", code: 48 });
    // The far end hung up mid-fax: the final report has no ident, the page's has.
    const cut = faxOutcome("receive", [
      { event: "phase_b", seconds: 7, remoteIdent: "", code: 0 },
      { ...(page(1) as FaxPageReport), remoteIdent: "+48 22 555 01 02" },
      { event: "done", ok: false, code: 40, reason: "Far end hung up", pagesRx: 1, remoteIdent: "" },
    ]);
    expect(cut).toMatchObject({ pages: 1, remoteIdent: "+48 22 555 01 02" });
    expect(faxOutcome("send", [])).toMatchObject({ ok: false, pages: 0, reason: "the fax modem stopped without a result" });
    expect(faxOutcome("send", [{ event: "timeout", seconds: 900 }]).reason).toBe("the fax took longer than allowed");
  });
});

describe("faxIdent and faxHeader", () => {
  it("keep what T.30 can carry", () => {
    expect(faxIdent("Tel. +48 (22) 123-45-67 wew. 89")).toBe("+48 22 1234567 89");
    expect(faxIdent("+48 22 123 45 67 89 01 23")).toHaveLength(20);
    expect(faxHeader("Centrala — Łódź, ул. Тверская 7\tщи")).toBe("Centrala - Lodz, ul. Tverskaya 7 shchi");
  });
});
