/**
 * Runs per-room task lists side by side across rooms. Synapse makes one membership change per room at a
 * time (its per-room linearizer), so requests in flight inside one room only queue there while requests
 * to different rooms overlap: the scheduler keeps at most `concurrency` tasks in flight in total and at
 * most `perRoom` in one room, and fills a free slot from the rooms with the fewest tasks in flight, among
 * them the room with the most tasks left (ties: the earlier room). So requests spread over rooms first,
 * and a long room — a chain that cannot finish faster than its tasks one after another — starts early
 * and is never starved by many short ones. Within a room tasks start in their order; an exclusive task
 * starts only once everything before it in its room has finished, and nothing after it starts before it
 * has finished.
 */
export interface RoomTasks {
  /** Tasks of this room, started in index order. */
  readonly count: number;
  /** Whether task `index` must run alone in its room. */
  exclusive(index: number): boolean;
  /** Runs task `index`. It should not throw: an error stops further starts and is rethrown once the tasks in flight end. */
  run(index: number): Promise<void>;
}

export interface ScheduleOptions {
  /** Tasks in flight at most, all rooms together. */
  concurrency: number;
  /** Tasks in flight at most inside one room. */
  perRoom: number;
}

interface RoomState {
  readonly order: number;
  readonly tasks: RoomTasks;
  /** The next task to start. */
  next: number;
  inFlight: number;
  /** An exclusive task is in flight. */
  alone: boolean;
  /** Bumped on every change, so that queue entries made before it are known to be stale. */
  version: number;
}

interface Entry {
  room: RoomState;
  version: number;
  /** Tasks not yet started when queued. */
  left: number;
}

export function runAcrossRooms(rooms: readonly RoomTasks[], options: ScheduleOptions): Promise<void> {
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const perRoom = Math.max(1, Math.floor(options.perRoom));
  // ready[k]: rooms that can start a task and have k in flight.
  const ready = Array.from({ length: perRoom }, () => new EntryHeap());
  let inFlight = 0;
  let failure: { error: unknown } | undefined;

  const canStart = (room: RoomState) => {
    if (room.next >= room.tasks.count || room.alone || room.inFlight >= perRoom) return false;
    return room.inFlight === 0 || !room.tasks.exclusive(room.next);
  };
  const changed = (room: RoomState) => {
    room.version += 1;
    if (canStart(room)) ready[room.inFlight]?.push({ room, version: room.version, left: room.tasks.count - room.next });
  };
  const take = (): RoomState | undefined => {
    for (const heap of ready) {
      for (let entry = heap.pop(); entry !== undefined; entry = heap.pop()) if (entry.version === entry.room.version) return entry.room;
    }
    return undefined;
  };

  return new Promise<void>((resolve, reject) => {
    const pump = () => {
      while (failure === undefined && inFlight < concurrency) {
        const room = take();
        if (room === undefined) break;
        const index = room.next;
        room.next += 1;
        room.inFlight += 1;
        room.alone = room.tasks.exclusive(index);
        inFlight += 1;
        changed(room);
        let started: Promise<void>;
        try {
          started = room.tasks.run(index);
        } catch (error) {
          started = Promise.reject(error);
        }
        started.then(
          () => settle(room),
          (error: unknown) => {
            failure ??= { error };
            settle(room);
          },
        );
      }
      if (inFlight > 0) return;
      if (failure !== undefined) reject(failure.error);
      else resolve();
    };
    const settle = (room: RoomState) => {
      room.inFlight -= 1;
      room.alone = false;
      inFlight -= 1;
      changed(room);
      pump();
    };
    rooms.forEach((tasks, order) => changed({ order, tasks, next: 0, inFlight: 0, alone: false, version: 0 }));
    pump();
  });
}

/** Queue entries by tasks left (most first), then by the room's order. */
class EntryHeap {
  private readonly items: Entry[] = [];

  push(entry: Entry): void {
    const items = this.items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i] as Entry, items[parent] as Entry)) break;
      [items[i], items[parent]] = [items[parent] as Entry, items[i] as Entry];
      i = parent;
    }
  }

  pop(): Entry | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < items.length && before(items[left] as Entry, items[best] as Entry)) best = left;
      if (right < items.length && before(items[right] as Entry, items[best] as Entry)) best = right;
      if (best === i) return top;
      [items[i], items[best]] = [items[best] as Entry, items[i] as Entry];
      i = best;
    }
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.left !== b.left ? a.left > b.left : a.room.order < b.room.order;
}
