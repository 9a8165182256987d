// A SIPp caller walking an IVR (tests/phone/sipp/caller-ivr.xml): the keys it presses, as RFC 2833
// events inside its audio or as SIP INFO, with pauses between (prompts play meanwhile), and how it
// ends — hanging up itself after -d, or waiting for the flow to hang up on it. The caller talks
// (SIPp's 7 s sample) from the start, as telephones do: RFC 2833 keys need a stream to travel in.
// SIPp's key recordings each carry fixed sequence numbers and timestamps (1 < 2 < 4 ...), so a
// call sends each RFC 2833 key once and in rising order (a telephone's presses always rise);
// digit strings go by INFO.
import { sipp } from "./sipp.ts";

export type IvrStep = { rfc2833: string } | { info: string } | { pause: number };

const PCAP: Record<string, string> = { "*": "star", "#": "pound" };

function stepXml(step: IvrStep, n: number): string {
  if ("pause" in step) return `  <pause milliseconds="${step.pause}"/>`;
  if ("rfc2833" in step)
    return `  <nop><action><exec play_pcap_audio="/usr/share/sip-tester/dtmf_2833_${PCAP[step.rfc2833] ?? step.rfc2833}.pcap"/></action></nop>\n  <pause milliseconds="400"/>`;
  return `  <send retrans="500">
    <![CDATA[
INFO sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: "Caller" <sip:[caller]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: ${10 + n} INFO
Contact: <sip:[caller]@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Type: application/dtmf-relay
Content-Length: [len]

Signal=${step.info}
Duration=160

    ]]>
  </send>
  <recv response="200"/>`;
}

const HANG_UP = `  <pause/>
  <send retrans="500">
    <![CDATA[
BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: "Caller" <sip:[caller]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 100 BYE
Contact: <sip:[caller]@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Length: 0

    ]]>
  </send>
  <recv response="200" crlf="true"/>`;

const HUNG_UP = `  <recv request="BYE"/>
  <send>
    <![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

    ]]>
  </send>`;

/** A caller to `did` from `caller` (`more`: SIPp arguments, e.g. -m/-r for many callers). */
export function ivrCaller(target: string, did: string, caller: string, steps: IvrStep[], end: { hangUpAfterMs: number } | "waits for our BYE", more: string[] = []) {
  const args = ["-s", did, ...(end === "waits for our BYE" ? [] : ["-d", String(end.hangUpAfterMs)]), ...more];
  return sipp("caller-ivr.xml", {
    target,
    keys: { caller },
    fill: { steps: steps.map(stepXml).join("\n"), end: end === "waits for our BYE" ? HUNG_UP : HANG_UP },
    args,
  });
}
