/**
 * Memory of the browser for the benchmarks, measured two ways:
 *
 * - **PSS** (proportional set size, `/proc/<pid>/smaps_rollup`) of each of Chromium's processes,
 *   by process type (browser, renderer, GPU, utility, zygote). Unlike RSS, PSS divides every
 *   shared page among the processes that map it, so the sum over processes is the memory the
 *   browser really holds (RSS summed counts shared libraries and shared memory several times).
 * - **JS heaps** per target (the page and each worker): CDP `Runtime.getHeapUsage` (V8's used
 *   heap, plus the backing stores of ArrayBuffers, where the typed step columns live), through
 *   the page's CDP session auto-attached to its workers.
 */
import type { CDPSession } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';

const MB = 1e6;

/** Our descendants' pids (Chromium and its children; the vite server is another group). */
function descendants(): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const out: number[] = [];
  for (const pid of parent.keys()) {
    let p = parent.get(pid);
    while (p !== undefined && p > 1 && p !== process.pid) p = parent.get(p);
    if (p === process.pid) out.push(pid);
  }
  return out;
}

function processType(pid: number): string | null {
  try {
    // Chromium's children rewrite their command line (one string, spaces between arguments).
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    if (!/chrom/i.test(cmd.split(' ')[0] ?? '')) return null;
    const type = /--type=(\S+)/.exec(cmd)?.[1];
    const utility = /--utility-sub-type=(\S+)/.exec(cmd)?.[1];
    return type === 'utility' && utility ? utility.split('.').pop()! : (type ?? 'browser');
  } catch {
    return null;
  }
}

function pss(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? (Number(m[1]) * 1024) / MB : 0;
  } catch {
    return 0;
  }
}

/** PSS of Chromium's processes in MB: the total, and per process type. */
export interface PssSample {
  total: number;
  byType: Record<string, number>;
}

export function chromiumPss(): PssSample {
  const byType: Record<string, number> = {};
  let total = 0;
  for (const pid of descendants()) {
    const type = processType(pid);
    if (!type) continue;
    const p = pss(pid);
    byType[type] = (byType[type] ?? 0) + p;
    total += p;
  }
  return { total, byType };
}

interface HeapUsage {
  usedSize: number;
  totalSize: number;
  backingStorageSize?: number;
}

/** JS heaps of a page and its workers (CDP), attached before the workers start. */
export class Heaps {
  #workers = new Map<string, string>();
  #answers = new Map<number, HeapUsage>();
  #done = new Set<number>();
  #next = 1;

  private constructor(private readonly cdp: CDPSession) {}

  static async attach(cdp: CDPSession): Promise<Heaps> {
    const heaps = new Heaps(cdp);
    type Attached = { sessionId: string; targetInfo: { type: string; title: string; url: string } };
    cdp.on('Target.attachedToTarget', (e: unknown) => {
      const { sessionId, targetInfo } = e as Attached;
      if (targetInfo.type === 'worker') {
        const name = targetInfo.title || targetInfo.url.split('/').pop() || 'worker';
        heaps.#workers.set(sessionId, name);
      }
    });
    cdp.on('Target.detachedFromTarget', (e: unknown) => {
      heaps.#workers.delete((e as { sessionId: string }).sessionId);
    });
    cdp.on('Target.receivedMessageFromTarget', (e: unknown) => {
      const m = JSON.parse((e as { message: string }).message) as {
        id?: number;
        result?: HeapUsage;
      };
      if (m.id !== undefined) heaps.#done.add(m.id);
      if (m.id !== undefined && m.result && 'usedSize' in m.result)
        heaps.#answers.set(m.id, m.result);
    });
    await cdp.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    });
    return heaps;
  }

  /**
   * MB per target: `page` and each live worker by name (V8 heap + ArrayBuffer backing stores),
   * after a full garbage collection in each (so what is measured is live, not garbage yet to be
   * collected).
   */
  async sample(): Promise<Record<string, number>> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    for (const sessionId of this.#workers.keys()) {
      const id = this.#next++;
      const message = JSON.stringify({ id, method: 'HeapProfiler.collectGarbage' });
      await this.cdp.send('Target.sendMessageToTarget', { sessionId, message }).catch(() => {});
      const deadline = Date.now() + 10_000;
      while (!this.#done.has(id) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    const mb = (h: HeapUsage) => (h.usedSize + (h.backingStorageSize ?? 0)) / MB;
    const out: Record<string, number> = {};
    out.page = mb((await this.cdp.send('Runtime.getHeapUsage')) as HeapUsage);
    const asked: [string, number][] = [];
    for (const [sessionId, name] of this.#workers) {
      const id = this.#next++;
      asked.push([name, id]);
      const message = JSON.stringify({ id, method: 'Runtime.getHeapUsage' });
      await this.cdp
        .send('Target.sendMessageToTarget', { sessionId, message })
        .catch(() => undefined);
    }
    const deadline = Date.now() + 5_000;
    while (asked.some(([, id]) => !this.#answers.has(id)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const [name, id] of asked) {
      const h = this.#answers.get(id);
      if (h) out[name] = (out[name] ?? 0) + mb(h);
    }
    return out;
  }
}
