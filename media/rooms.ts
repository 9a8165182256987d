// The rooms (calls) this node carries, by call id: made on the least busy worker when the first
// party joins, closed with the call, dropped with a worker that died.
import type { types } from "mediasoup";
import { abandonRecording } from "./room-recording.ts";
import { stopRoomAudio } from "./room-audio.ts";
import { MediaError, type Party, type Room } from "./room.ts";
import type { WorkerPool } from "./worker-pool.ts";

export class Rooms extends Map<string, Room> {
  constructor(private readonly pool: WorkerPool) {
    super();
  }

  /** The call's room, made when it has none. */
  async open(callId: string): Promise<Room> {
    const known = this.get(callId);
    if (known) return known;
    // The least busy worker (by rooms) takes the call.
    const { worker, router } = await this.pool.router((w) => [...this.values()].filter((r) => r.worker === w).length);
    const raced = this.get(callId);
    if (raced) {
      router.close();
      return raced;
    }
    const room: Room = { callId, router, worker, parties: new Map(), plan: new Map(), recording: null, music: null, holdMusic: null, prompt: null };
    this.set(callId, room);
    return room;
  }

  /** A party on a call, or a coded error saying what is missing. */
  party(callId: string, partyId: string): { room: Room; party: Party } {
    const room = this.get(callId);
    if (!room) throw new MediaError("This call has no media (it ended or failed)", "NO_ROOM");
    const party = room.parties.get(partyId);
    if (!party) throw new MediaError("Join the call's media first", "NOT_IN_CALL");
    return { room, party };
  }

  leave(callId: string, partyId: string) {
    const room = this.get(callId);
    const party = room?.parties.get(partyId);
    if (!room || !party) return;
    party.phone?.close();
    party.send.close();
    party.recv.close();
    room.parties.delete(partyId);
  }

  close(callId: string) {
    const room = this.get(callId);
    if (!room) return;
    stopRoomAudio(room);
    for (const p of room.parties.values()) p.phone?.close();
    this.delete(callId);
    room.router.close();
  }

  /** A worker died: its rooms are dropped (what was recorded stays on disk) and returned. */
  dropWorker(dead: types.Worker): Room[] {
    const lost = [...this.values()].filter((r) => r.worker === dead);
    for (const room of lost) {
      abandonRecording(room);
      for (const p of room.parties.values()) p.phone?.close();
      this.delete(room.callId);
    }
    return lost;
  }
}
