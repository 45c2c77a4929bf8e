// Linux /proc readers: which processes belong to a group, how much memory they hold, and who owns
// a listening TCP port. Hand-written because no maintained library reads process groups or port
// owners without spawning `ps`/`ss` (which would cost far more per sample). Async, but for one
// process's memory (readMemory). On systems without /proc they report nothing rather than fail.
import { closeSync, openSync, promises as fs, readSync } from 'node:fs';

/** Fields 3.. of /proc/<pid>/stat follow the command name in parentheses (which may contain spaces). */
function statFields(stat: string): string[] {
  const close = stat.lastIndexOf(')');
  return stat.slice(close + 2).split(' ');
}

interface ProcEntry { pid: number; ppid: number; pgrp: number }

/** The pid folders of /proc (none on a system without it). */
async function procPids(): Promise<string[]> {
  const names = await fs.readdir('/proc').catch(() => [] as string[]);
  return names.filter((name) => {
    const c = name.charCodeAt(0);
    return c >= 48 && c <= 57;
  });
}

/** /proc/<pid>/stat is one line of 52 numeric fields and a name of at most 16 bytes: well under this. */
const STAT_MAX = 2048;

/** Parent and process group of every process, from /proc/<pid>/stat (one read each: a scan reads them all). */
async function processTable(): Promise<ProcEntry[]> {
  const names = await procPids();
  const table: ProcEntry[] = [];
  await Promise.all(names.map(async (name) => {
    try {
      const fields = statFields(await readHead(`/proc/${name}/stat`, STAT_MAX));
      // fields[0] state, [1] ppid, [2] pgrp
      table.push({ pid: Number(name), ppid: Number(fields[1]), pgrp: Number(fields[2]) });
    } catch {
      // exited while we looked
    }
  }));
  return table;
}

/** Pids of every process whose process group is `pgid`. */
export async function groupMembers(pgid: number): Promise<number[]> {
  return (await processTable()).filter((p) => p.pgrp === pgid).map((p) => p.pid);
}

/**
 * A thread's children list: pids separated by spaces. 4 kB holds about 500 children of one thread
 * and keeps each buffer small: the sampler reads one list per thread of the tree at every sample.
 */
const CHILDREN_MAX = 4096;

/**
 * `pid` and its live descendants, from the kernel's lists of each thread's children
 * (/proc/<pid>/task/<tid>/children): a few reads per process of the tree instead of a read per
 * process on the machine. Undefined when `pid` is gone or the kernel keeps no such lists
 * (CONFIG_PROC_CHILDREN off). Misses what was re-parented away (a double-forked daemon).
 */
export async function processTree(pid: number): Promise<number[] | undefined> {
  const tree: number[] = [];
  const queue = [pid];
  for (let p = queue.shift(); p !== undefined && tree.length < 4096; p = queue.shift()) {
    const tids = await fs.readdir(`/proc/${p}/task`).catch(() => undefined);
    if (!tids) {
      if (p === pid) return undefined;
      continue; // exited while we looked
    }
    tree.push(p);
    const lists = await Promise.all(tids.map((tid) => readHead(`/proc/${p}/task/${tid}/children`, CHILDREN_MAX).catch(() => undefined)));
    if (p === pid && lists.every((l) => l === undefined)) return undefined;
    for (const list of lists) for (const child of list?.split(' ') ?? []) if (child) queue.push(Number(child));
  }
  return tree;
}

/**
 * Descendants of `pid` (by parent pid) that left its process group: a debuggee's helper such as
 * debugpy's adapter starts its own session, so kill(-pgid) does not reach it.
 */
export async function escapedDescendants(pid: number): Promise<number[]> {
  const table = await processTable();
  const parentOf = new Map(table.map((p) => [p.pid, p.ppid]));
  const isDescendant = (p: number): boolean => {
    for (let cur = parentOf.get(p), hops = 0; cur !== undefined && cur > 1 && hops < 64; cur = parentOf.get(cur), hops++) {
      if (cur === pid) return true;
    }
    return false;
  };
  return table.filter((p) => p.pgrp !== pid && isDescendant(p.pid)).map((p) => p.pid);
}

/**
 * Pids of the processes whose environment holds `entry` (`NAME=value`, exactly), ours excluded. An
 * instance's every process inherits its private TMPDIR, so this finds them all, even a double-forked
 * daemon whose parent chain and process group no longer lead back to the instance. Processes of
 * other users are unreadable and skipped.
 */
export async function processesWithEnv(entry: string): Promise<number[]> {
  const needle = Buffer.from(`\0${entry}\0`);
  const head = Buffer.from(`${entry}\0`);
  const found: number[] = [];
  await Promise.all((await procPids()).map(async (name) => {
    if (Number(name) === process.pid) return;
    try {
      const environ = await fs.readFile(`/proc/${name}/environ`);
      if (environ.subarray(0, head.length).equals(head) || environ.includes(needle)) found.push(Number(name));
    } catch {
      // exited, or not ours to read
    }
  }));
  return found;
}

/** The command line of `pid`, arguments joined by spaces; empty when it is gone or unreadable. */
export async function commandLineOf(pid: number): Promise<string> {
  const raw = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return raw.split('\0').filter(Boolean).join(' ');
}

/** Process group of `pid`, or undefined when it is gone. */
export async function processGroupOf(pid: number): Promise<number | undefined> {
  try {
    return Number(statFields(await fs.readFile(`/proc/${pid}/stat`, 'latin1'))[2]);
  } catch {
    return undefined;
  }
}

export interface MemoryReading {
  /** kB resident now. */
  rssKB: number;
  /** kB peak resident (VmHWM) over the process's life. */
  hwmKB: number;
}

/** /proc/<pid>/status is about 1.5 kB. */
const STATUS_MAX = 8192;
const statusBuffer = Buffer.allocUnsafe(STATUS_MAX);

/**
 * VmRSS and VmHWM of one process; undefined if it is gone. Synchronous, unlike the rest of this
 * module: a cold invocation's result waits for this reading, and the kernel composes the file in
 * memory (no disk), so open, read and close cost about 13 µs here, where the thread pool's three
 * round trips cost about 200 µs (measured).
 */
export function readMemory(pid: number): MemoryReading | undefined {
  let status: string;
  try {
    const fd = openSync(`/proc/${pid}/status`, 'r');
    try {
      status = statusBuffer.toString('latin1', 0, readSync(fd, statusBuffer, 0, STATUS_MAX, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const pick = (key: string): number => {
    const at = status.indexOf(key);
    if (at < 0) return 0;
    return parseInt(status.slice(at + key.length).trimStart(), 10) || 0;
  };
  return { rssKB: pick('VmRSS:'), hwmKB: pick('VmHWM:') };
}

/**
 * The first `max` bytes of a file in one read: readFile's size probe, second read (to find the end)
 * and close are three more thread-pool round trips.
 */
async function readHead(file: string, max: number): Promise<string> {
  const fh = await fs.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(max);
    const { bytesRead } = await fh.read(buf, 0, max, 0);
    return buf.toString('latin1', 0, bytesRead);
  } finally {
    fh.close().catch(() => undefined); // nobody waits for the close
  }
}

interface ListeningSocket { inode: string; local: string }

/** Sockets in LISTEN state on `port` (IPv4 and IPv6, any local address). */
async function listeningSockets(port: number): Promise<ListeningSocket[]> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const out: ListeningSocket[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = await fs.readFile(file, 'latin1');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const [, local, , state] = cols;
      if (state !== '0A') continue; // TCP_LISTEN
      if (local.slice(local.indexOf(':') + 1) !== hexPort) continue;
      out.push({ inode: cols[9], local });
    }
  }
  return out;
}

/** True when something on this machine listens on `port` (read from /proc, no connection made). */
export async function isListening(port: number): Promise<boolean> {
  return (await listeningSockets(port)).length > 0;
}

export interface PortOwner {
  pid: number;
  command: string;
}

/**
 * The processes that own the listening socket on `port`, when the OS lets us see them
 * (/proc/net/tcp gives the socket inode; /proc/<pid>/fd links name it). Others' processes may be
 * invisible to us: then the list is empty and the caller says it cannot tell.
 */
export async function portOwners(port: number): Promise<PortOwner[]> {
  const sockets = await listeningSockets(port);
  if (sockets.length === 0) return [];
  const wanted = new Set(sockets.map((s) => `socket:[${s.inode}]`));
  const owners: PortOwner[] = [];
  await Promise.all((await procPids()).map(async (name) => {
    const fds = await fs.readdir(`/proc/${name}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const link = await fs.readlink(`/proc/${name}/fd/${fd}`).catch(() => '');
      if (wanted.has(link)) {
        owners.push({ pid: Number(name), command: (await commandLineOf(Number(name))) || `pid ${name}` });
        return;
      }
    }
  }));
  return owners.sort((a, b) => a.pid - b.pid);
}
