import "../support/fast-check-seed.js";
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { runAcrossRooms, type RoomTasks } from "../../src/util/room-scheduler.js";

/** A recorder of task starts and ends across rooms; each task takes `ticks` macrotask turns. */
function tracker() {
  const running = new Map<number, number>();
  const events: { type: "start" | "end"; room: number; task: number; roomsBusy: number; total: number }[] = [];
  let total = 0;
  let maxTotal = 0;
  let maxPerRoom = 0;
  let maxRoomsBusy = 0;
  const doubledUpWhileIdle: string[] = [];
  const startedIn = new Map<number, number>();
  const rooms = (sizes: number[], options: { exclusive?: (room: number, task: number) => boolean; ticks?: (room: number, task: number) => number } = {}): RoomTasks[] =>
    sizes.map((count, room) => ({
      count,
      exclusive: (task) => options.exclusive?.(room, task) ?? false,
      run: async (task) => {
        const now = (running.get(room) ?? 0) + 1;
        running.set(room, now);
        startedIn.set(room, (startedIn.get(room) ?? 0) + 1);
        if (now > 1) {
          // A second request in this room while another room with work left has none in flight.
          const idle = sizes.findIndex((size, other) => other !== room && (running.get(other) ?? 0) === 0 && (startedIn.get(other) ?? 0) < size);
          if (idle >= 0) doubledUpWhileIdle.push(`room ${room} got a second slot while room ${idle} waited`);
        }
        total += 1;
        maxTotal = Math.max(maxTotal, total);
        maxPerRoom = Math.max(maxPerRoom, now);
        const roomsBusy = [...running.values()].filter((n) => n > 0).length;
        maxRoomsBusy = Math.max(maxRoomsBusy, roomsBusy);
        events.push({ type: "start", room, task, roomsBusy, total });
        for (let i = options.ticks?.(room, task) ?? 2; i > 0; i--) await new Promise((resolve) => setImmediate(resolve));
        running.set(room, (running.get(room) ?? 1) - 1);
        total -= 1;
        events.push({ type: "end", room, task, roomsBusy, total });
      },
    }));
  return { rooms, events, doubledUpWhileIdle, max: () => ({ total: maxTotal, perRoom: maxPerRoom, roomsBusy: maxRoomsBusy }) };
}

test("scheduler: requests spread over rooms before a room gets a second one; every task runs once, in its room's order", async () => {
  const t = tracker();
  // Room 0's tasks are quick, so it soon has fewer left than the others: it must still get its slot back.
  await runAcrossRooms(t.rooms([5, 5, 5, 5, 5, 5, 5, 5], { ticks: (room) => (room === 0 ? 1 : 3) }), { concurrency: 8, perRoom: 2 });
  assert.deepEqual(t.doubledUpWhileIdle, [], "a free slot goes to a room with none in flight first");
  assert.equal(t.max().total, 8);
  assert.equal(t.max().roomsBusy, 8, "eight rooms, eight in flight: one per room");
  for (let room = 0; room < 8; room++) {
    assert.deepEqual(t.events.filter((e) => e.type === "start" && e.room === room).map((e) => e.task), [0, 1, 2, 3, 4], `room ${room} in order, each task once`);
  }
});

test("scheduler: never more than perRoom in one room, nor more than the concurrency in all", async () => {
  const one = tracker();
  await runAcrossRooms(one.rooms([20]), { concurrency: 8, perRoom: 2 });
  assert.equal(one.max().perRoom, 2, "one room: perRoom in flight, not the concurrency");
  const few = tracker();
  await runAcrossRooms(few.rooms([6, 6, 6]), { concurrency: 4, perRoom: 3 });
  assert.equal(few.max().total, 4);
  assert.ok(few.max().perRoom <= 3);
  const single = tracker();
  await runAcrossRooms(single.rooms([4, 4]), { concurrency: 8, perRoom: 1 });
  assert.deepEqual(single.max(), { total: 2, perRoom: 1, roomsBusy: 2 });
});

test("scheduler: an exclusive task waits for the room's earlier tasks, runs alone, and holds back the later ones", async () => {
  const t = tracker();
  // Room 0: tasks 0 and 3 exclusive, the rest may overlap.
  await runAcrossRooms(t.rooms([7, 3], { exclusive: (room, task) => room === 0 && (task === 0 || task === 3) }), { concurrency: 8, perRoom: 3 });
  const room0 = t.events.filter((e) => e.room === 0).map((e) => `${e.type} ${e.task}`);
  assert.deepEqual(room0.slice(0, 2), ["start 0", "end 0"], "the first (exclusive) task ran alone");
  const start3 = room0.indexOf("start 3");
  for (const task of [1, 2]) assert.ok(room0.indexOf(`end ${task}`) < start3, `task ${task} ended before the exclusive task 3 started`);
  assert.equal(room0[start3 + 1], "end 3", "nothing else of the room ran beside task 3");
  assert.ok(t.max().perRoom >= 2, "the other tasks did overlap");
});

test("scheduler: the room with the most left goes first, so a long room is not starved by many short ones", async () => {
  const t = tracker();
  // Room 0 is short; room 1 has 10 tasks; rooms 2–11 one each. Two slots, one per room.
  await runAcrossRooms(t.rooms([1, 10, ...Array.from({ length: 10 }, () => 1)]), { concurrency: 2, perRoom: 1 });
  const starts = t.events.filter((e) => e.type === "start");
  assert.equal(starts[0]?.room, 1, "the long room starts first");
  // Whenever the long room had tasks left and none in flight, the next start was its.
  let longBusy = false;
  let longLeft = 10;
  for (const e of t.events) {
    if (e.room === 1) {
      longBusy = e.type === "start";
      if (e.type === "start") longLeft -= 1;
      continue;
    }
    if (e.type === "start") assert.ok(longBusy || longLeft === 0, `room ${e.room} started while the long room waited with ${longLeft} left`);
  }
});

test("scheduler: an error stops further starts, lets the tasks in flight end, then is thrown", async () => {
  let started = 0;
  let ended = 0;
  const rooms: RoomTasks[] = [0, 1, 2].map((room) => ({
    count: 5,
    exclusive: () => false,
    run: async (task) => {
      started += 1;
      await new Promise((resolve) => setImmediate(resolve));
      ended += 1;
      if (room === 1 && task === 1) throw new Error("boom");
    },
  }));
  await assert.rejects(runAcrossRooms(rooms, { concurrency: 3, perRoom: 1 }), /boom/);
  assert.equal(started, ended, "nothing was left running");
  assert.ok(started < 15, "no new task started after the error");
});

test("scheduler: every start is the room a plain scan would pick: fewest in flight, then most left, then the earlier room", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ count: fc.integer({ min: 0, max: 6 }), exclusiveEvery: fc.integer({ min: 0, max: 3 }), ticks: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 12 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 3 }),
      async (specs, concurrency, perRoom) => {
        const started = specs.map(() => 0);
        const inFlight = specs.map(() => 0);
        const alone = specs.map(() => false);
        const exclusive = (room: number, task: number) => (specs[room]?.exclusiveEvery ?? 0) > 0 && task % (specs[room]?.exclusiveEvery ?? 1) === 0;
        const key = (room: number) => [inFlight[room] ?? 0, -((specs[room]?.count ?? 0) - (started[room] ?? 0)), room];
        const startable = (room: number) => {
          const next = started[room] ?? 0;
          if (next >= (specs[room]?.count ?? 0) || alone[room] || (inFlight[room] ?? 0) >= perRoom) return false;
          return inFlight[room] === 0 || !exclusive(room, next);
        };
        const smaller = (a: number[], b: number[]) => {
          const at = a.findIndex((value, i) => value !== b[i]);
          return at >= 0 && (a[at] ?? 0) < (b[at] ?? 0);
        };
        const wrong: string[] = [];
        const rooms: RoomTasks[] = specs.map((spec, room) => ({
          count: spec.count,
          exclusive: (task) => exclusive(room, task),
          run: async (task) => {
            const better = specs.findIndex((_, other) => other !== room && startable(other) && smaller(key(other), key(room)));
            if (better >= 0) wrong.push(`room ${room} task ${task} started while room ${better} came first (${key(better).join(",")} < ${key(room).join(",")})`);
            started[room] = task + 1;
            inFlight[room] = (inFlight[room] ?? 0) + 1;
            alone[room] = exclusive(room, task);
            for (let i = spec.ticks + (task % 2); i > 0; i--) await new Promise((resolve) => setImmediate(resolve));
            inFlight[room] = (inFlight[room] ?? 1) - 1;
            alone[room] = false;
          },
        }));
        await runAcrossRooms(rooms, { concurrency, perRoom });
        assert.deepEqual(wrong, []);
        assert.deepEqual(started, specs.map((s) => s.count));
      },
    ),
    { numRuns: 150 },
  );
});
