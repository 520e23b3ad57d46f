import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { batchMachine } from '../../src/engine/batch/batch.machine.ts';
import { kappaServingMachine } from '../../src/engine/serving/serving.machine.ts';
import { streamJobMachine } from '../../src/engine/stream/stream.machine.ts';

describe('the stream job machine', () => {
  it('a live job consumes, crashes, recovers and goes back to consuming after redelivery', () => {
    const job = createActor(streamJobMachine, {
      input: { name: 'speed', role: 'speed', replay: false },
    }).start();
    expect(job.getSnapshot().value).toBe('consuming');
    expect(job.getSnapshot().hasTag('working')).toBe(true);
    job.send({ type: 'job.crashed', processedBefore: 7 });
    expect(job.getSnapshot().value).toBe('crashed');
    expect(job.getSnapshot().hasTag('working')).toBe(false);
    expect(job.getSnapshot().context).toMatchObject({ crashes: 1, highWater: 7 });
    job.send({ type: 'job.processed', position: 9 });
    expect(job.getSnapshot().value).toBe('crashed');
    job.send({ type: 'job.recovered' });
    expect(job.getSnapshot().value).toBe('recovering');
    expect(job.getSnapshot().hasTag('recovering')).toBe(true);
    job.send({ type: 'job.crashed', processedBefore: 5 });
    expect(job.getSnapshot().context).toMatchObject({ crashes: 2, highWater: 7 });
    job.send({ type: 'job.recovered' });
    job.send({ type: 'job.processed', position: 6 });
    expect(job.getSnapshot().value).toBe('recovering');
    job.send({ type: 'job.processed', position: 7 });
    expect(job.getSnapshot().value).toBe('consuming');
    expect(job.getSnapshot().hasTag('recovering')).toBe(false);
    expect(job.getSnapshot().context.highWater).toBe(0);
  });

  it('the machine decides when a recovery ends: at the high water, not before', () => {
    const job = createActor(streamJobMachine, {
      input: { name: 'speed', role: 'speed', replay: false },
    }).start();
    job.send({ type: 'job.crashed', processedBefore: 3 });
    job.send({ type: 'job.recovered' });
    const s = job.getSnapshot();
    expect(s.can({ type: 'job.processed', position: 2 })).toBe(false);
    expect(s.can({ type: 'job.processed', position: 3 })).toBe(true);
    expect(s.can({ type: 'job.processed', position: 4 })).toBe(true);
    // A live job ignores processing facts: only recovery listens for them.
    const live = createActor(streamJobMachine, {
      input: { name: 'v1', role: 'stream', replay: false },
    }).start();
    expect(live.getSnapshot().can({ type: 'job.processed', position: 100 })).toBe(false);
  });

  it('a deployed Kappa job replays, catches up only when the machine says so, and consumes once the serving layer switched', () => {
    const job = createActor(streamJobMachine, {
      input: { name: 'v2', role: 'stream', replay: true },
    }).start();
    expect(job.getSnapshot().value).toBe('replaying');
    expect(job.getSnapshot().hasTag('pre-serving')).toBe(true);
    job.send({ type: 'serving.switched' });
    expect(job.getSnapshot().value).toBe('replaying');
    const s = job.getSnapshot();
    // A record still in flight, or one left to read: not caught up.
    expect(s.can({ type: 'replay.caught-up', inFlight: 1, nextFetch: 5, appended: 5 })).toBe(false);
    expect(s.can({ type: 'replay.caught-up', inFlight: 0, nextFetch: 4, appended: 5 })).toBe(false);
    job.send({ type: 'replay.caught-up', inFlight: 1, nextFetch: 5, appended: 5 });
    expect(job.getSnapshot().value).toBe('replaying');
    job.send({ type: 'replay.caught-up', inFlight: 0, nextFetch: 5, appended: 5 });
    expect(job.getSnapshot().value).toBe('caught-up');
    expect(job.getSnapshot().can({ type: 'serving.switched' })).toBe(true);
    job.send({ type: 'serving.switched' });
    expect(job.getSnapshot().value).toBe('consuming');
    expect(job.getSnapshot().hasTag('pre-serving')).toBe(false);
    expect(job.getSnapshot().can({ type: 'serving.switched' })).toBe(false);
  });

  it('a stopped job is final and ignores everything', () => {
    const job = createActor(streamJobMachine, {
      input: { name: 'v1', role: 'stream', replay: false },
    }).start();
    job.send({ type: 'job.stopped' });
    expect(job.getSnapshot().status).toBe('done');
    expect(job.getSnapshot().value).toBe('stopped');
  });
});

describe('the batch machine', () => {
  it('runs idle → running → idle; finishing is refused while idle', () => {
    const batch = createActor(batchMachine).start();
    expect(batch.getSnapshot().can({ type: 'run.finished' })).toBe(false);
    batch.send({ type: 'batch.started' });
    expect(batch.getSnapshot().value).toBe('running');
    expect(batch.getSnapshot().hasTag('may-start')).toBe(false);
    batch.send({ type: 'run.finished' });
    expect(batch.getSnapshot().value).toBe('idle');
    expect(batch.getSnapshot().hasTag('may-start')).toBe(true);
  });

  it('a crash during a run owes a run: recovery makes it due at once', () => {
    const batch = createActor(batchMachine).start();
    batch.send({ type: 'batch.started' });
    batch.send({ type: 'job.crashed' });
    expect(batch.getSnapshot().value).toBe('crashed');
    expect(batch.getSnapshot().can({ type: 'batch.started' })).toBe(false);
    batch.send({ type: 'job.recovered', missed: false });
    expect(batch.getSnapshot().value).toBe('due');
    expect(batch.getSnapshot().hasTag('starts-now')).toBe(true);
  });

  it('a crash while idle owes nothing unless a scheduled run fell in the down time', () => {
    const idle = createActor(batchMachine).start();
    idle.send({ type: 'job.crashed' });
    idle.send({ type: 'job.recovered', missed: false });
    expect(idle.getSnapshot().value).toBe('idle');
    const missed = createActor(batchMachine).start();
    missed.send({ type: 'job.crashed' });
    missed.send({ type: 'job.recovered', missed: true });
    expect(missed.getSnapshot().value).toBe('due');
  });
});

describe('the Kappa serving machine', () => {
  it('Kappa serving keeps reading v1 during a replay and switches atomically after catch-up', () => {
    const serving = createActor(kappaServingMachine).start();
    serving.send({ type: 'serving.switched' });
    expect(serving.getSnapshot().context.table).toBe('v1');
    serving.send({ type: 'deploy.started', table: 'v2' });
    expect(serving.getSnapshot().value).toBe('replaying');
    expect(serving.getSnapshot().context).toMatchObject({ table: 'v1', candidate: 'v2' });
    serving.send({ type: 'serving.switched' });
    expect(serving.getSnapshot().context.table).toBe('v1');
    serving.send({ type: 'replay.caught-up' });
    serving.send({ type: 'serving.switched' });
    expect(serving.getSnapshot().value).toBe('live');
    expect(serving.getSnapshot().context).toMatchObject({
      table: 'v2',
      candidate: null,
      switches: 1,
    });
  });

  it('a second deploy during a replay replaces the candidate', () => {
    const serving = createActor(kappaServingMachine).start();
    serving.send({ type: 'deploy.started', table: 'v2' });
    serving.send({ type: 'deploy.started', table: 'v3' });
    expect(serving.getSnapshot().context.candidate).toBe('v3');
  });
});
