"use client";
// An agent's side of a call's audio (app/_client/call-media.ts), signalled through the GraphQL
// API. Everything is closed when the call ends or the page leaves.
import type { types } from "mediasoup-client";
import { type RefObject, useEffect, useRef, useState } from "react";
import { useClient } from "urql";
import { CallMedia, type CallSignaller, type Joined, type MediaProblem, type MediaState } from "../../_client/call-media.ts";
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

export function useCallMedia(callId: string | null, muted: boolean, sink: RefObject<HTMLAudioElement | null>) {
  const client = useClient();
  const [state, setState] = useState<MediaState>("connecting");
  const [problem, setProblem] = useState<MediaProblem | null>(null);
  const media = useRef<CallMedia | null>(null);

  useEffect(() => {
    if (!callId) return;
    const mutate = async <T>(doc: Parameters<typeof client.mutation>[0], vars: Record<string, unknown>): Promise<T> => {
      const r = await client.mutation(doc, { callId, ...vars }).toPromise();
      if (r.error) throw r.error;
      return r.data as T;
    };
    const signaller: CallSignaller = {
      join: async () => (await mutate<{ joinCallMedia: Joined }>(Join, {})).joinCallMedia,
      connect: async (transportId, dtlsParameters) => void (await mutate(Connect, { transportId, dtlsParameters })),
      produce: async (rtpParameters) => (await mutate<{ produceCallAudio: string }>(Produce, { rtpParameters })).produceCallAudio,
      consume: async (producerId, rtpCapabilities) =>
        (
          await mutate<{ consumeCallAudio: { id: string; producerId: string; partyId: string; rtpParameters: types.RtpParameters } }>(Consume, {
            producerId,
            rtpCapabilities,
          })
        ).consumeCallAudio,
      resume: async (consumerId) => void (await mutate(Resume, { consumerId })),
      onProducer: (listener) => {
        const sub = client
          .subscription(MediaFeed, { callId })
          .subscribe((r) => r.data?.callMedia && listener(r.data.callMedia.producerId, r.data.callMedia.partyId));
        return () => sub.unsubscribe();
      },
    };
    setState("connecting");
    setProblem(null);
    const m = new CallMedia(signaller, (s, p) => {
      setState(s);
      setProblem(p);
    });
    media.current = m;
    m.attach(sink.current);
    void m.start();
    return () => {
      m.close();
      media.current = null;
    };
  }, [callId, client, sink]);

  // Runs after the effect above on the same render, so a new call's media gets the mute state too.
  useEffect(() => media.current?.setMuted(muted), [muted, callId]);

  return { state, problem };
}
