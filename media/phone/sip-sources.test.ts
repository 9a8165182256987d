import { describe, expect, it } from "vitest";
import { inviteSource } from "./sip-sources.ts";

const invite = (via: string) => `INVITE sip:+48221234567@192.0.2.1:5060 SIP/2.0\r\nVia: ${via}\r\nCall-ID: abc@x\r\nCSeq: 1 INVITE\r\n\r\n`;

describe("inviteSource", () => {
  it("takes received= when Sofia added it (the Via lied or named a host)", () => {
    expect(inviteSource(invite("SIP/2.0/UDP 127.0.0.1:5100;branch=z9hG4bK1;received=127.0.0.3;rport=5100"))).toEqual({ callId: "abc@x", ip: "127.0.0.3" });
    expect(inviteSource(invite("SIP/2.0/UDP sip.example.com;branch=z9;received=198.51.100.7"))).toEqual({ callId: "abc@x", ip: "198.51.100.7" });
  });

  it("takes the sent-by address when it is where the message came from", () => {
    expect(inviteSource(invite("SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK1"))).toEqual({ callId: "abc@x", ip: "198.51.100.7" });
    expect(inviteSource(invite("SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bK1"))).toEqual({ callId: "abc@x", ip: "2001:db8::1" });
  });

  it("reads only INVITEs", () => {
    expect(inviteSource("BYE sip:x SIP/2.0\r\nVia: SIP/2.0/UDP 1.2.3.4\r\nCall-ID: a\r\n\r\n")).toBeNull();
  });
});
