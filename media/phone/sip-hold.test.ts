import { describe, expect, it } from "vitest";
import { answerDirection, isHold, offeredDirection, withDirection } from "./sip-hold.ts";

const sdp = (media: string, session = "") =>
  ["v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", ...(session ? [session] : []), "m=audio 5000 RTP/AVP 8", "c=IN IP4 127.0.0.1", ...(media ? [media] : []), ""].join("\r\n");

describe("a telephone holding its call", () => {
  it("reads the audio direction offered, the m-line's before the session's", () => {
    expect(offeredDirection(sdp("a=sendonly"))).toBe("sendonly");
    expect(offeredDirection(sdp("", "a=inactive"))).toBe("inactive");
    expect(offeredDirection(sdp("a=sendrecv", "a=inactive"))).toBe("sendrecv");
    expect(offeredDirection(sdp(""))).toBe("sendrecv");
  });
  it("holds on sendonly or inactive, resumes on sendrecv, and answers with the mirror", () => {
    expect(isHold("sendonly")).toBe(true);
    expect(isHold("inactive")).toBe(true);
    expect(isHold("sendrecv")).toBe(false);
    expect(isHold("recvonly")).toBe(false);
    expect(answerDirection("sendonly")).toBe("recvonly");
    expect(answerDirection("inactive")).toBe("inactive");
    expect(answerDirection("sendrecv")).toBe("sendrecv");
    expect(withDirection(sdp("a=sendrecv"), "recvonly")).toContain("a=recvonly\r\n");
    expect(withDirection(sdp("a=sendrecv"), "recvonly")).not.toContain("sendrecv");
  });
});
