// What a telephone hears. A phone leg takes one audio stream, so every voice the audio plan lets the
// caller hear (the agent; a supervisor barging; a colleague in a three-way call; music on hold) is
// mixed here into one G.711 stream in the telephone's own law: the media engine forwards each
// voice as plain RTP to `input`, and every 20 ms the mixer adds what arrived (one voice in the
// telephone's law passes through untouched; A-law into a µ-law call, or the other way round, is
// decoded and encoded again), encodes it and sends it on as the stream the phone leg carries.
// Keys an agent presses are mixed in as DTMF tones, which every G.711 trunk carries; IVR prompts
// are played here too (once, then the mixer says so). Music and prompts are kept as A-law.
import dgram from "node:dgram";
import { type Law, PAYLOAD_TYPE, SILENCE, decode, encode } from "./g711.ts";
import { holdMusic } from "./hold-music.ts";

const FRAME = 160; // 20 ms at 8 kHz
const MAX_BUFFER = FRAME * 5; // 100 ms: a voice further behind loses its oldest audio
const TONES: Record<string, [number, number]> = {
  "1": [697, 1209], "2": [697, 1336], "3": [697, 1477], A: [697, 1633],
  "4": [770, 1209], "5": [770, 1336], "6": [770, 1477], B: [770, 1633],
  "7": [852, 1209], "8": [852, 1336], "9": [852, 1477], C: [852, 1633],
  "*": [941, 1209], "0": [941, 1336], "#": [941, 1477], D: [941, 1633],
};

interface Voice {
  law: Law;
  /** Audio received and not yet mixed, in arrival order; `bytes` in all. */
  chunks: Buffer[];
  bytes: number;
  lastHeard: number;
}

/** Takes one frame's bytes off the front of a voice's queue (usually exactly one packet). */
function takeFrame(v: Voice): Buffer {
  const first = v.chunks[0];
  if (first.length === FRAME) {
    v.chunks.shift();
    v.bytes -= FRAME;
    return first;
  }
  const all = Buffer.concat(v.chunks);
  const frame = all.subarray(0, FRAME);
  const rest = all.subarray(FRAME);
  v.chunks = rest.length ? [rest] : [];
  v.bytes = rest.length;
  return frame;
}

/** The voices the media engine forwards, by the router's payload types (PCMA 8, PCMU 0). */
const INPUT_LAWS: Record<number, Law | undefined> = { [PAYLOAD_TYPE.alaw]: "alaw", [PAYLOAD_TYPE.ulaw]: "ulaw" };

const mixers = new Set<PhoneMixer>();
let clock: { timer: ReturnType<typeof setInterval>; started: number; ticks: number } | null = null;

/** One clock for all mixers: each 20 ms step, every mixer sends one frame. */
function runClock() {
  if (clock) return;
  const c = { started: performance.now(), ticks: 0, timer: setInterval(() => {
    const due = Math.floor((performance.now() - c.started) / 20);
    // After a stall, catch up at most 5 frames (the rest is lost, not sent in a burst).
    if (due - c.ticks > 5) c.ticks = due - 5;
    for (; c.ticks < due; c.ticks++) for (const m of mixers) m.tick();
  }, 10) };
  clock = c;
}

export class PhoneMixer {
  readonly input = dgram.createSocket("udp4");
  private readonly output = dgram.createSocket("udp4");
  private readonly voices = new Map<number, Voice>();
  private readonly sum = new Int32Array(FRAME);
  private readonly frame = new Uint8Array(FRAME);
  private seq = Math.floor(Math.random() * 65535);
  private ts = Math.floor(Math.random() * 2 ** 31);
  private outPort = 0;
  private musicAt: number | null = null;
  /** The queue's uploaded music (8 kHz A-law); null: the product's own. */
  private music: Uint8Array | null = null;
  private tones: Int16Array | null = null;
  private toneAt = 0;
  private prompt: { audio: Uint8Array; at: number; done: () => void } | null = null;
  /** Frames sent, and frames that mixed two or more voices. */
  readonly counts = { frames: 0, mixed: 0 };

  /** The law the telephone took (its SDP's codec); until start(), nothing is sent. */
  law: Law = "alaw";

  constructor(readonly ssrc: number) {
    this.input.on("message", (m) => this.onRtp(m));
  }

  /** Binds both sockets, the mix going to `outputPort` (the phone stream's producer): the media
   * engine takes that stream from the address its first packet came from. Returns the input's port. */
  async open(outputPort: number): Promise<number> {
    this.outPort = outputPort;
    await Promise.all([this.input, this.output].map((s) => new Promise<void>((r) => s.bind(0, "127.0.0.1", () => r()))));
    return this.input.address().port;
  }

  /** One silent frame in `law`, outside the clock (to open the stream at the media engine). */
  sendSilence(law: Law) {
    this.frame.fill(SILENCE[law]);
    this.send(PAYLOAD_TYPE[law]);
  }

  /** Sends the mix, in `law` (the telephone's), every 20 ms from now on. */
  start(law: Law) {
    this.law = law;
    mixers.add(this);
    runClock();
  }

  private onRtp(m: Buffer) {
    if (m.length < 12 || m[0] >> 6 !== 2) return;
    const law = INPUT_LAWS[m[1] & 0x7f];
    if (!law) return;
    const cc = m[0] & 0x0f;
    let offset = 12 + cc * 4;
    if (m[0] & 0x10) offset += 4 + m.readUInt16BE(offset + 2) * 4;
    let end = m.length;
    if (m[0] & 0x20) end -= m[m.length - 1];
    if (offset >= end) return;
    const ssrc = m.readUInt32BE(8);
    let v = this.voices.get(ssrc);
    if (!v) this.voices.set(ssrc, (v = { law, chunks: [], bytes: 0, lastHeard: 0 }));
    v.lastHeard = performance.now();
    v.chunks.push(m.subarray(offset, end));
    v.bytes += end - offset;
    // Too far behind: the oldest audio goes.
    while (v.bytes > MAX_BUFFER && v.chunks.length > 1) v.bytes -= v.chunks.shift()!.length;
  }

  /** Music on hold in the mix (the plan says the caller hears MUSIC), or not; `music` (A-law) is
   * the call's queue's own, null for the product's. Other music starts from its beginning. */
  setMusic(on: boolean, music: Uint8Array | null = null) {
    if (music !== this.music) {
      this.music = music;
      if (this.musicAt !== null) this.musicAt = 0;
    }
    if (on && this.musicAt === null) this.musicAt = 0;
    if (!on) this.musicAt = null;
  }

  /** Queues DTMF tones (100 ms each, 60 ms apart) into what the phone hears. */
  playDigits(digits: string) {
    const parts: number[] = [];
    for (const d of digits.toUpperCase()) {
      const f = TONES[d];
      if (!f) continue;
      for (let i = 0; i < 800; i++) parts.push(Math.round(6000 * (Math.sin((2 * Math.PI * f[0] * i) / 8000) + Math.sin((2 * Math.PI * f[1] * i) / 8000))));
      for (let i = 0; i < 480; i++) parts.push(0);
    }
    const rest = this.tones ? this.tones.subarray(this.toneAt) : new Int16Array(0);
    this.tones = Int16Array.from([...rest, ...parts]);
    this.toneAt = 0;
  }

  /** Plays an IVR prompt (8 kHz A-law) once, instead of any earlier one; `done` when it has been
   * heard to the end (not when it is stopped). */
  playPrompt(audio: Uint8Array, done: () => void) {
    this.prompt = { audio, at: 0, done };
  }

  /** The caller pressed a key during the prompt (barge-in): it stops. */
  stopPrompt() {
    this.prompt = null;
  }

  /**
   * A fax on the line: the phone hears only what `send` is given, frame by frame as the fax modem
   * writes them, untouched (no voices, music, prompts or tones; a frame left out would be a hole in
   * the fax signal), on the same stream. The mixer leaves the shared clock until `release`.
   */
  takeOver(): { send: (frame: Uint8Array) => void; release: () => void } {
    mixers.delete(this);
    this.prompt = null;
    this.tones = null;
    let released = false;
    return {
      send: (frame) => {
        if (released || frame.length !== FRAME) return;
        this.frame.set(frame);
        this.counts.frames++;
        this.send(PAYLOAD_TYPE[this.law]);
      },
      release: () => {
        if (released) return;
        released = true;
        if (!this.stopped) {
          mixers.add(this);
          runClock();
        }
      },
    };
  }

  /** One 20 ms step: mix what each voice has, send one frame. */
  tick() {
    const ready: { law: Law; frame: Buffer }[] = [];
    for (const [ssrc, v] of this.voices) {
      if (v.bytes >= FRAME) ready.push({ law: v.law, frame: takeFrame(v) });
      else if (performance.now() - v.lastHeard > 2000) this.voices.delete(ssrc);
    }
    const prompt = this.prompt;
    // An announcement over the music: the music waits until it is over.
    const music = this.musicAt !== null && !prompt ? (this.music ?? holdMusic()) : null;
    const extra = (music ? 1 : 0) + (this.tones ? 1 : 0) + (prompt ? 1 : 0);
    if (ready.length === 1 && extra === 0 && ready[0].law === this.law) {
      // One voice: its bytes go out as they came.
      this.frame.set(ready[0].frame);
    } else if (ready.length + extra === 0) {
      this.frame.fill(SILENCE[this.law]);
    } else {
      this.sum.fill(0);
      for (const v of ready) decode(v.law, v.frame, this.sum, true);
      if (music && this.musicAt !== null) {
        if (this.musicAt + FRAME > music.length) this.musicAt = 0;
        decode("alaw", music.subarray(this.musicAt, this.musicAt + FRAME), this.sum, true);
        this.musicAt += FRAME;
      }
      if (this.tones) {
        for (let i = 0; i < FRAME && this.toneAt < this.tones.length; i++) this.sum[i] += this.tones[this.toneAt++];
        if (this.toneAt >= this.tones.length) this.tones = null;
      }
      if (prompt) {
        const chunk = prompt.audio.subarray(prompt.at, prompt.at + FRAME);
        decode("alaw", chunk, this.sum, true);
        prompt.at += chunk.length;
        if (prompt.at >= prompt.audio.length) {
          this.prompt = null;
          prompt.done();
        }
      }
      encode(this.law, this.sum, this.frame);
      if (ready.length + extra > 1) this.counts.mixed++;
    }
    this.counts.frames++;
    this.send(PAYLOAD_TYPE[this.law]);
  }

  private send(payloadType: number) {
    const packet = Buffer.allocUnsafe(12 + FRAME);
    packet[0] = 0x80;
    packet[1] = payloadType;
    packet.writeUInt16BE(this.seq++ & 0xffff, 2);
    packet.writeUInt32BE((this.ts += FRAME) >>> 0, 4);
    packet.writeUInt32BE(this.ssrc, 8);
    packet.set(this.frame, 12);
    if (!this.stopped) this.output.send(packet, this.outPort, "127.0.0.1");
  }

  private stopped = false;

  stop() {
    this.stopped = true;
    mixers.delete(this);
    if (mixers.size === 0 && clock) {
      clearInterval(clock.timer);
      clock = null;
    }
    this.input.close();
    this.output.close();
  }
}
