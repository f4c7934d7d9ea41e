import type { Desired, UserId } from "../declarations/model.js";
import { isLocalUser } from "../declarations/identifiers.js";

/**
 * Which declared rooms have everything their plan reads (computePlan's planDeclaredRoom): their own
 * observation and the statuses of their local members. Lets a room be planned, and acted on, while
 * other rooms are still being read.
 */
export class ReadinessTracker {
  /** Per room: its read, plus one per local member whose status is not known yet. */
  private readonly pending: number[];
  /** Per user: the rooms waiting for their status. */
  private readonly waiting = new Map<UserId, number[]>();
  private readonly order: UserId[] = [];
  private ready: number[] = [];

  constructor(desired: Desired, serverName: string) {
    this.pending = desired.rooms.map((room, index) => {
      let count = 1;
      for (const member of room.members) {
        if (!isLocalUser(member.user, serverName)) continue;
        const rooms = this.waiting.get(member.user);
        if (rooms === undefined) {
          this.waiting.set(member.user, [index]);
          this.order.push(member.user);
        } else if (rooms[rooms.length - 1] !== index) rooms.push(index);
        else continue;
        count += 1;
      }
      return count;
    });
  }

  /** Every declared local user once, the first room's first: looked up in this order, rooms get ready in turn. */
  usersRoomByRoom(): UserId[] {
    return this.order;
  }

  roomRead(index: number): void {
    this.settle(index);
  }

  userKnown(user: UserId): void {
    for (const index of this.waiting.get(user) ?? []) this.settle(index);
  }

  /** The rooms (indexes into the declared rooms) that got ready since the last call, in declaration order. */
  takeReady(): number[] {
    const ready = this.ready.sort((a, b) => a - b);
    this.ready = [];
    return ready;
  }

  private settle(index: number): void {
    const left = (this.pending[index] ?? 0) - 1;
    this.pending[index] = left;
    if (left === 0) this.ready.push(index);
  }
}
