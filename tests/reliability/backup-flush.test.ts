/**
 * The flusher beside a backup's copy (backup/copy.ts flushWhileWriting): in its own worker it
 * flushes the file another thread writes, waits for the file to exist, and ends as soon as it
 * is told to. What it buys (the window's commits no longer wait for the whole copy in one
 * journal commit) is measured by the bench's stall metric, not here.
 */
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runOffThread } from '../../electron/workers/off-thread';

const dir = mkdtempSync(join(tmpdir(), 'credit-desk-flush-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The shared control words: [0] stop, [1] the flushes so far (written by the flusher). */
function controls() {
  const control = new SharedArrayBuffer(8);
  const words = new Int32Array(control);
  return {
    control,
    flushes: () => Atomics.load(words, 1),
    stop: () => {
      Atomics.store(words, 0, 1);
      Atomics.notify(words, 0);
    },
  };
}

describe('flushing a file while another thread writes it', () => {
  it('flushes the growing file until told to stop, then ends with its count', async () => {
    const path = join(dir, 'growing.db');
    const c = controls();
    const flushing = runOffThread('flushWhileWriting', { path, control: c.control, everyMs: 5 });
    // Keep writing until the flusher has flushed this file three times (an event, not a delay).
    for (let i = 0; c.flushes() < 3; i++) {
      appendFileSync(path, Buffer.alloc(64 * 1024, i % 256));
      await new Promise((resolve) => setImmediate(resolve));
    }
    c.stop();
    const count = await flushing;
    expect(count).toBeGreaterThanOrEqual(3);
    expect(count).toBe(c.flushes());
  });

  it('waits for a file that does not exist yet, and ends when told to without creating it', async () => {
    const path = join(dir, 'never-written.db');
    const c = controls();
    const flushing = runOffThread('flushWhileWriting', { path, control: c.control, everyMs: 5 });
    c.stop();
    expect(await flushing).toBe(0);
    expect(existsSync(path)).toBe(false);
  });
});
