// INV-4 "max memory used": the measured peak resident memory of the instance's whole process tree
// (every process of its group), never the configured size. Sampled on an interval, off the hot path;
// callers ask for an extra sample at the end of long invocations.
import { groupMembers, processTree, readMemory } from './procfs';

/** Samples between two scans of the group's members while it has more than its leader... */
const SCAN_EVERY = 5;
/** ...and at most this many while the leader is alone. */
const SCAN_EVERY_ALONE = 50;

export class MemorySampler {
  /** Highest sum of the group's resident memory seen, or the leader's own high-water mark, in kB. */
  private peakKB = 0;
  private lastSumKB = 0;
  /** The group's pids as last scanned; a new group is its leader alone (it has had no time to fork). */
  private members: number[];
  private samples = 0;
  /** The sample that rescans the group next, and the samples between two scans (see takeSample). */
  private nextScan = 1;
  private scanEvery = SCAN_EVERY;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly pgid: number, private readonly intervalMs = 100, private readonly onSample?: (sumKB: number) => void) {
    this.members = [pgid];
  }

  /**
   * Samples every interval from now on. Not at once: the process has only just been exec'd (its
   * memory is negligible), and reading /proc then competes with its start for the CPU; a cold
   * invocation takes its own sample at the end.
   */
  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => { void this.sample(); }, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  get peakMB(): number {
    return Math.ceil(this.peakKB / 1024);
  }

  get currentMB(): number {
    return Math.ceil(this.lastSumKB / 1024);
  }

  get sampleCount(): number {
    return this.samples;
  }

  /** One sample now (coalesced with one already running). */
  sample(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.takeSample().finally(() => { this.running = undefined; });
    return this.running;
  }

  private async takeSample(): Promise<void> {
    // The group rarely changes between samples, and a scan reads every process's stat on the machine
    // (milliseconds of CPU with a few hundred processes). So: from the second sample on (the first,
    // often a cold invocation's end sample, reads the leader alone: a cold start does not wait for a
    // scan), every 5th sample while the group has other members, backing off to every 50th while
    // the leader is alone (most runtimes never fork), and at once when a member vanished.
    if (this.samples >= this.nextScan || this.members.length === 0) {
      this.members = await groupMembers(this.pgid);
      if (!this.members.includes(this.pgid)) this.members.push(this.pgid);
      this.scanEvery = this.members.length > 1 ? SCAN_EVERY : Math.min(this.scanEvery * 2, SCAN_EVERY_ALONE);
      this.nextScan = this.samples + this.scanEvery;
    } else if (this.samples > 0) {
      // Between scans, the leader's descendants from the kernel's children lists (a few reads): a
      // child started since the last scan counts from the next sample, not the next scan.
      const tree = await processTree(this.pgid);
      if (tree) this.members = [...new Set([...this.members, ...tree])];
    }
    let sum = 0;
    let vanished = false;
    const readings = this.members.map((pid) => readMemory(pid));
    readings.forEach((r, i) => {
      if (!r) {
        vanished = true;
        return;
      }
      sum += r.rssKB;
      // The leader's own peak catches spikes between samples.
      if (this.members[i] === this.pgid && r.hwmKB > this.peakKB) this.peakKB = r.hwmKB;
    });
    if (vanished) this.members = [];
    this.samples++;
    this.lastSumKB = sum;
    if (sum > this.peakKB) this.peakKB = sum;
    this.onSample?.(sum);
  }
}
