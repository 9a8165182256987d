"use client";
// The agent's softphone, on every screen: call a colleague or a phone number, the ringing pop-up (answer / reject),
// the call in progress (who, how long, mute, hold, record, transfer or consult, hang up) and the
// wrap-up after a customer's call. Calls come and go live (myCalls).
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useMutation, useQuery, useSubscription } from "urql";
import { Button } from "../../_components/button.tsx";
import { apiError } from "../../_client/errors.ts";
import { graphql } from "../../_client/graphql.ts";
import { useMe } from "../../_client/me.tsx";
import { usePresence } from "../../_client/presence.tsx";
import { formatDuration, useNow } from "../../_client/use-now.ts";
import { useErrorText } from "../../_client/use-error-text.ts";
import { ColleaguePicker } from "./colleague-picker.tsx";
import { DialNumber, Keypad, NumberDialer, SendDigits } from "./dial-pad.tsx";
import { TransferControls } from "./transfer-controls.tsx";
import { useCallMedia } from "./use-call-media.ts";
import { WrapUpPanel } from "./wrap-up-panel.tsx";

const MyCall = graphql(`
  query MyCall {
    voiceStatus {
      enabled
      reason
    }
    myCall {
      id
      state
      createdAt
      answeredAt
      held
      customerHeld
      phone
      remoteNumber
      interaction {
        id
        caseId
      }
      recording {
        id
        state
        pauses {
          from
          to
        }
      }
      parties {
        id
        role
        mode
        joinedAt
        leftAt
        muted
        name
        user {
          id
          name
        }
      }
    }
  }
`);
const CallsChanged = graphql(`
  subscription MyCalls {
    myCalls {
      callId
      state
    }
  }
`);
const Answer = graphql(`
  mutation AnswerCall($callId: ID!) {
    answerCall(callId: $callId)
  }
`);
const HangUp = graphql(`
  mutation HangUp($callId: ID!) {
    hangUp(callId: $callId)
  }
`);
const Mute = graphql(`
  mutation SetCallMuted($callId: ID!, $muted: Boolean!) {
    setCallMuted(callId: $callId, muted: $muted)
  }
`);

const CallColleague = graphql(`
  mutation CallColleague($userId: ID!) {
    callColleague(userId: $userId) {
      id
      state
    }
  }
`);

const Hold = graphql(`
  mutation HoldCall($callId: ID!, $held: Boolean!) {
    holdCall(callId: $callId, held: $held)
  }
`);
const Record = graphql(`
  mutation RecordCall($callId: ID!) {
    recordCall(callId: $callId)
  }
`);
const PauseRecording = graphql(`
  mutation PauseRecording($callId: ID!, $paused: Boolean!) {
    pauseRecording(callId: $callId, paused: $paused)
  }
`);

export function Softphone() {
  const t = useTranslations("softphone");
  const me = useMe();
  const errors = useErrorText();
  const [{ data }, refetch] = useQuery({ query: MyCall, requestPolicy: "cache-and-network" });
  const [ping] = useSubscription({ query: CallsChanged });
  useEffect(() => {
    if (ping.data) refetch({ requestPolicy: "network-only" });
  }, [ping.data, refetch]);
  const [, answer] = useMutation(Answer);
  const [, hangUp] = useMutation(HangUp);
  const [, mute] = useMutation(Mute);
  const [, callColleague] = useMutation(CallColleague);
  const [, record] = useMutation(Record);
  const [, hold] = useMutation(Hold);
  const [, pauseRecording] = useMutation(PauseRecording);
  const [, dialNumber] = useMutation(DialNumber);
  const [, sendDigits] = useMutation(SendDigits);
  const [open, setOpen] = useState<"colleague" | "number" | null>(null);
  const [keypad, setKeypad] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const call = data?.myCall ?? null;
  const mine = call?.parties.find((p) => p.user?.id === me.user.id) ?? null;
  const monitoring = mine?.role === "MONITOR";
  const presence = usePresence()?.presence;
  // A colleague rung in for a consultation (by the agent), or this person being that colleague.
  const consulted = call?.parties.find((p) => p.role === "CONSULTED" && !p.leftAt) ?? null;
  const consultedMe = mine?.role === "CONSULTED";
  const ringing = call?.state === "RINGING" || (consultedMe && !mine?.joinedAt);
  const answering = mine?.role === "CALLEE" || consultedMe;
  // Who is on the other end: the colleague or customer; for a supervisor, both talkers.
  const others = call?.parties.filter((p) => p.user?.id !== me.user.id && p.role !== "MONITOR" && !p.leftAt) ?? [];
  const canCall = me.permissions.includes("agents.work");
  const recording = call?.recording?.state === "RECORDING" ? call.recording : null;
  const recordingPaused = !!recording && recording.pauses.at(-1)?.to === null;
  // Customers' calls can be recorded (colleagues' never): the agent sees the state and controls it.
  const customerCall = !!call?.parties.some((p) => p.role !== "MONITOR" && !p.user);
  // The agent talking with the customer: who answered, or who dialled the number.
  const agentOfCall = mine?.role === "CALLEE" || (mine?.role === "CALLER" && customerCall);
  // Calling a phone, the agent hears the network before the answer (ringing tone, announcements).
  const live = (call?.state === "ACTIVE" && !ringing) || (call?.phone && call.state === "RINGING" && mine?.role === "CALLER") ? call.id : null;
  const canDial = canCall && me.permissions.includes("calls.dial_out");
  const muted = mine?.muted ?? false;
  const audio = useRef<HTMLAudioElement>(null);
  const media = useCallMedia(live, muted, audio);
  const now = useNow(1000);
  const router = useRouter();
  // A customer's call put through to the agent (a campaign's dialled call comes without an offer to
  // click): its case opens, once per call, unless the agent is already on it.
  const pathname = usePathname();
  const popped = useRef<string | null>(null);
  const popCase = call?.state === "ACTIVE" && mine?.role === "CALLEE" && !mine.leftAt ? (call.interaction?.caseId ?? null) : null;
  const callId = call?.id ?? null;
  useEffect(() => {
    if (!popCase || !callId || popped.current === callId) return;
    popped.current = callId;
    if (pathname !== `/agent/cases/${popCase}`) router.push(`/agent/cases/${popCase}`);
  }, [popCase, callId, pathname, router]);

  const run = async <R extends { error?: unknown }>(r: Promise<R>): Promise<R> => {
    const result = await r;
    const e = apiError(result.error as never);
    setError(e ? errors.message(e) : null);
    refetch({ requestPolicy: "network-only" });
    return result;
  };

  if (!data) return null;
  if (!data.voiceStatus.enabled)
    return (
      <div
        className="fixed bottom-4 left-4 z-30 rounded-full bg-slate-100 px-3 py-1 text-xs text-slate-500 ring-1 ring-slate-200"
        title={data.voiceStatus.reason ?? ""}
        data-testid="voice-off"
      >
        {t("voiceOff")}
      </div>
    );

  return (
    <div className="fixed bottom-4 left-4 z-30 w-72" data-testid="softphone">
      <audio ref={audio} autoPlay data-testid="call-audio" />
      {error && (
        <p className="mb-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200" role="alert">
          {error}
        </p>
      )}
      {!call && presence?.state === "WRAP_UP" && <WrapUpPanel since={presence.since} />}
      {!call && canCall && presence?.state !== "WRAP_UP" && (
        <>
          {open && canDial && (
            <div className="mb-1 flex gap-1" role="tablist">
              {(["colleague", "number"] as const).map((k) => (
                <button
                  key={k}
                  type="button"
                  role="tab"
                  aria-selected={open === k}
                  className={`rounded-md px-2 py-1 text-xs font-medium ring-1 ${open === k ? "bg-slate-800 text-white ring-slate-800" : "bg-white text-slate-700 ring-slate-300"}`}
                  onClick={() => setOpen(k)}
                >
                  {k === "colleague" ? t("callColleague") : t("dial.open")}
                </button>
              ))}
            </div>
          )}
          {open === "colleague" && (
            <ColleaguePicker
              onPick={(userId) => {
                setOpen(null);
                void run(callColleague({ userId }));
              }}
              onClose={() => setOpen(null)}
            />
          )}
          {open === "number" && (
            <NumberDialer
              onDial={async (input) => {
                setOpen(null);
                const r = await run(dialNumber({ input }));
                // The call's case opens, as for a call coming in (notes, contact, history).
                const caseId = r.data?.dialNumber.interaction?.caseId;
                if (caseId) router.push(`/agent/cases/${caseId}`);
              }}
              onClose={() => setOpen(null)}
            />
          )}
          {/* One button, as small as it always was: the softphone floats over the page's corner. */}
          <Button variant="secondary" onClick={() => setOpen((o) => (o ? null : "colleague"))} aria-expanded={!!open} data-testid="call-menu">
            ☎ {canDial ? t("dial.menu") : t("callColleague")}
          </Button>
        </>
      )}
      {call && (
        <section
          className={`rounded-xl bg-white p-4 shadow-lg ring-1 ${ringing ? "ring-amber-300" : "ring-emerald-300"}`}
          role={ringing && answering ? "alertdialog" : "region"}
          aria-label={t("call")}
          data-testid="call-panel"
          data-state={ringing ? "RINGING" : call.state}
        >
          <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">
            {ringing
              ? consultedMe
                ? t("consultIncoming")
                : mine?.role === "CALLEE"
                  ? t("incoming")
                  : t("calling")
              : monitoring
                ? t(`monitoring.${mine?.mode ?? "LISTEN"}`)
                : t("onCall")}
          </p>
          <p className="mt-1 text-base font-semibold text-slate-900">{others.map((p) => p.name || "—").join(" ↔ ") || "—"}</p>
          {call.state === "ACTIVE" && customerCall && agentOfCall && (
            <p className="mt-1 flex items-center gap-2 text-xs" data-testid="recording-state">
              {recording ? (
                <>
                  <span className={recordingPaused ? "text-amber-700" : "text-red-700"}>{recordingPaused ? t("recordingPaused") : `● ${t("recording")}`}</span>
                  <button type="button" className="underline" onClick={() => void run(pauseRecording({ callId: call.id, paused: !recordingPaused }))}>
                    {recordingPaused ? t("resumeRecording") : t("pauseRecording")}
                  </button>
                </>
              ) : (
                <button type="button" className="text-slate-600 underline" onClick={() => void run(record({ callId: call.id }))}>
                  {t("record")}
                </button>
              )}
            </p>
          )}
          {call.state === "ACTIVE" && !ringing && (
            <p className="text-sm text-slate-600" data-testid="call-timer">
              {formatDuration(now - new Date(call.answeredAt ?? call.createdAt).getTime())}
              {" · "}
              {call.held && !consulted && !consultedMe ? (
                <span className="text-amber-700">{t("onHold")}</span>
              ) : media.state === "failed" ? (
                <span className="text-red-700">{t(`problem.${media.problem ?? "SERVER"}`)}</span>
              ) : media.state === "connecting" ? (
                t("connecting")
              ) : (
                <span className="text-emerald-700">{t("connected")}</span>
              )}
            </p>
          )}
          {call.state === "ACTIVE" && call.customerHeld && (
            <p className="text-sm text-amber-700" role="status" data-testid="customer-held">
              {t("customerHeld")}
            </p>
          )}
          <div className="mt-3 flex flex-wrap gap-2">
            {ringing && answering && (
              <Button variant="primary" onClick={() => void run(answer({ callId: call.id }))}>
                {t("answer")}
              </Button>
            )}
            {call.state === "ACTIVE" && customerCall && agentOfCall && !consulted && (
              <Button variant="secondary" aria-pressed={call.held} data-shortcut="hold" onClick={() => void run(hold({ callId: call.id, held: !call.held }))}>
                {call.held ? t("resume") : t("hold")}
              </Button>
            )}
            {call.state === "ACTIVE" && !ringing && (!monitoring || mine?.mode !== "LISTEN") && (
              <Button variant="secondary" aria-pressed={muted} data-shortcut="mute" onClick={() => void run(mute({ callId: call.id, muted: !muted }))}>
                {muted ? t("unmute") : t("mute")}
              </Button>
            )}
            {call.phone && !monitoring && live && (
              <Button variant="secondary" aria-pressed={keypad} onClick={() => setKeypad((k) => !k)}>
                {t("dial.keys")}
              </Button>
            )}
            <Button variant="danger" data-shortcut="end" onClick={() => void run(hangUp({ callId: call.id }))}>
              {ringing ? (answering ? t("reject") : t("cancel")) : monitoring || consultedMe ? t("leave") : t("hangUp")}
            </Button>
          </div>
          {keypad && call.phone && live && <Keypad onKey={(digits) => void run(sendDigits({ callId: call.id, digits }))} />}
          {call.state === "ACTIVE" && call.interaction && agentOfCall && (
            <TransferControls
              callId={call.id}
              interactionId={call.interaction.id}
              held={call.held}
              consulted={consulted}
              phone={!!call.phone}
              canDial={canDial}
              run={run}
            />
          )}
        </section>
      )}
    </div>
  );
}
