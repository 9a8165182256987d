"use client";
// The browser side of a call's audio: a mediasoup-client Device on the call's router, a send
// transport carrying the microphone and a receive transport playing the other parties, all
// signalled through the GraphQL API. Everything is closed when the call ends or the page leaves.
import { Device, type types } from "mediasoup-client";
import { useEffect, useRef, useState } from "react";
import { useClient } from "urql";
import { graphql } from "../../_client/graphql.ts";

const Join = graphql(`
  mutation JoinCallMedia($callId: ID!) {
    joinCallMedia(callId: $callId)
  }
`);
const Connect = graphql(`
  mutation ConnectCallTransport($callId: ID!, $transportId: String!, $dtlsParameters: JSON!) {
    connectCallTransport(callId: $callId, transportId: $transportId, dtlsParameters: $dtlsParameters)
  }
`);
const Produce = graphql(`
  mutation ProduceCallAudio($callId: ID!, $rtpParameters: JSON!) {
    produceCallAudio(callId: $callId, rtpParameters: $rtpParameters)
  }
`);
const Consume = graphql(`
  mutation ConsumeCallAudio($callId: ID!, $producerId: String!, $rtpCapabilities: JSON!) {
    consumeCallAudio(callId: $callId, producerId: $producerId, rtpCapabilities: $rtpCapabilities)
  }
`);
const Resume = graphql(`
  mutation ResumeCallAudio($callId: ID!, $consumerId: String!) {
    resumeCallAudio(callId: $callId, consumerId: $consumerId)
  }
`);
const MediaFeed = graphql(`
  subscription CallMedia($callId: ID!) {
    callMedia(callId: $callId) {
      partyId
      producerId
    }
  }
`);

type Joined = {
  routerRtpCapabilities: types.RtpCapabilities;
  send: types.TransportOptions;
  recv: types.TransportOptions;
  iceServers: RTCIceServer[];
  partyId: string;
  producers: { partyId: string; producerId: string }[];
};
export type MediaState = "connecting" | "connected" | "failed";
export type MediaProblem = "MICROPHONE" | "NETWORK" | "SERVER";

/** Figures for tests and for the "call quality" line: bytes both ways and the loudest incoming level. */
export interface CallAudioStats {
  bytesSent: number;
  bytesReceived: number;
  audioLevel: number;
  packetsLost: number;
}

declare global {
  interface Window {
    centralaCall?: { stats(): Promise<CallAudioStats> };
  }
}

export function useCallMedia(callId: string | null, muted: boolean) {
  const client = useClient();
  const [state, setState] = useState<MediaState>("connecting");
  const [problem, setProblem] = useState<MediaProblem | null>(null);
  const [stream] = useState(() => (typeof MediaStream === "undefined" ? null : new MediaStream()));
  const producerRef = useRef<types.Producer | null>(null);

  useEffect(() => {
    if (!callId) return;
    let closed = false;
    let send: types.Transport | null = null;
    let recv: types.Transport | null = null;
    let mic: MediaStream | null = null;
    const consumed = new Map<string, types.Consumer>();
    const mutate = async <T>(doc: Parameters<typeof client.mutation>[0], vars: Record<string, unknown>): Promise<T> => {
      const r = await client.mutation(doc, vars).toPromise();
      if (r.error) throw r.error;
      return r.data as T;
    };
    const fail = (why: MediaProblem) => (err: unknown) => {
      if (closed) return;
      console.warn("call media failed", err);
      setProblem(why);
      setState("failed");
    };

    async function consume(device: Device, producerId: string) {
      if (closed || !recv || consumed.has(producerId)) return;
      const { consumeCallAudio: p } = await mutate<{ consumeCallAudio: types.ConsumerOptions & { partyId: string } }>(Consume, {
        callId,
        producerId,
        rtpCapabilities: device.recvRtpCapabilities,
      });
      const consumer = await recv.consume({ id: p.id, producerId: p.producerId, kind: "audio", rtpParameters: p.rtpParameters });
      consumed.set(producerId, consumer);
      stream?.addTrack(consumer.track);
      await mutate(Resume, { callId, consumerId: consumer.id });
    }

    const feed = client.subscription(MediaFeed, { callId }).subscribe((r) => {
      const p = r.data?.callMedia;
      if (p && device.loaded) void consume(device, p.producerId).catch(fail("SERVER"));
    });
    const device = new Device();

    void (async () => {
      const joined = (await mutate<{ joinCallMedia: Joined }>(Join, { callId })).joinCallMedia;
      if (closed) return;
      await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities });
      const connectOn = (t: types.Transport) =>
        t.on("connect", ({ dtlsParameters }, done, error) => {
          mutate(Connect, { callId, transportId: t.id, dtlsParameters })
            .then(() => done())
            .catch(error);
        });
      send = device.createSendTransport({ ...joined.send, iceServers: joined.iceServers });
      recv = device.createRecvTransport({ ...joined.recv, iceServers: joined.iceServers });
      connectOn(send);
      connectOn(recv);
      send.on("produce", ({ rtpParameters }, done, error) => {
        mutate<{ produceCallAudio: string }>(Produce, { callId, rtpParameters })
          .then((r) => done({ id: r.produceCallAudio }))
          .catch(error);
      });
      for (const t of [send, recv])
        t.on("connectionstatechange", (s) => {
          if (s === "connected") setState("connected");
          if (s === "failed") fail("NETWORK")(new Error("transport failed"));
        });
      try {
        mic = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
      } catch (err) {
        return fail("MICROPHONE")(err);
      }
      if (closed) return;
      producerRef.current = await send.produce({ track: mic.getAudioTracks()[0], codecOptions: { opusStereo: false, opusDtx: true, opusFec: true } });
      for (const p of joined.producers) await consume(device, p.producerId);
    })().catch(fail("SERVER"));

    // The level of what this side hears, measured on the received audio itself (inbound-rtp's
    // audioLevel stays 0 where nothing plays it out, as in a headless browser).
    let meter: { ctx: AudioContext; analyser: AnalyserNode } | null = null;
    const level = () => {
      if (!stream?.getAudioTracks().length || typeof AudioContext === "undefined") return 0;
      if (!meter) {
        const ctx = new AudioContext();
        const analyser = ctx.createAnalyser();
        ctx.createMediaStreamSource(stream).connect(analyser);
        meter = { ctx, analyser };
      }
      void meter.ctx.resume();
      const samples = new Float32Array(meter.analyser.fftSize);
      meter.analyser.getFloatTimeDomainData(samples);
      return Math.sqrt(samples.reduce((n, x) => n + x * x, 0) / samples.length);
    };

    window.centralaCall = {
      async stats() {
        const out: CallAudioStats = { bytesSent: 0, bytesReceived: 0, audioLevel: level(), packetsLost: 0 };
        for (const t of [send, recv]) {
          if (!t) continue;
          (await t.getStats()).forEach((s) => {
            if (s.type === "outbound-rtp") out.bytesSent += s.bytesSent ?? 0;
            if (s.type === "inbound-rtp") {
              out.bytesReceived += s.bytesReceived ?? 0;
              out.packetsLost += s.packetsLost ?? 0;
              out.audioLevel = Math.max(out.audioLevel, s.audioLevel ?? 0);
            }
          });
        }
        return out;
      },
    };

    return () => {
      closed = true;
      feed.unsubscribe();
      for (const c of consumed.values()) c.close();
      send?.close();
      recv?.close();
      for (const track of mic?.getTracks() ?? []) track.stop();
      for (const track of stream?.getTracks() ?? []) stream?.removeTrack(track);
      producerRef.current = null;
      void meter?.ctx.close();
      delete window.centralaCall;
    };
  }, [callId, client, stream]);

  useEffect(() => {
    const p = producerRef.current;
    if (!p) return;
    if (muted) p.pause();
    else p.resume();
  }, [muted, state]);

  return { state, problem, stream };
}
