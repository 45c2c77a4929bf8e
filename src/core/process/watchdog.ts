// The last line of defence against orphans: if our own process dies without running any handler
// (SIGKILL, an OOM kill, a crashed VS Code extension host), the instances' process groups would
// live on. One tiny helper per host process holds the read end of a pipe from us and is told which
// groups are live (`+PGID` / `-PGID` lines) and which environment entries mark a live instance's
// processes (`eTMPDIR=...` / `xTMPDIR=...`: a double-forked daemon leaves the group but keeps its
// environment). When the pipe reaches EOF — we died, however — it SIGKILLs every group still listed,
// then every process whose environment holds a listed entry, and exits.
//
// The helper is `/bin/sh` (POSIX only; dash on Debian): a shell costs ~1 ms and ~1 MB per start,
// a second Node.js process ~90 ms and ~40 MB. It is:
// - started lazily, after the first instance was spawned (setImmediate), never before it: the
//   cold start does not wait for it, the spawn happens while the instance boots;
// - unref'd (process and pipes), so it never keeps our event loop alive;
// - the leader of its own session and process group, so a terminal Ctrl+C (SIGINT to our group)
//   does not kill it before we have cleaned up; it ignores SIGINT/SIGHUP besides;
// - started in `/` with no inherited output, so it holds no folder busy and no pipe of ours open.
// Our pipe ends are close-on-exec (libuv), so instances never inherit the write end: EOF comes
// exactly when we are gone.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

// `read` takes one line at a time from the pipe; `live` is " 12 34 " (a space on both sides of
// each id) so that membership and removal are plain pattern matches, without a subshell.
// `?` answers the list (diagnostics and tests). `markers` holds one environment entry a line; a
// removal (rare: once per instance) filters them with grep.
const SCRIPT = `trap '' INT HUP
live=' '
markers=''
while IFS= read -r line; do
  case $line in
    e?*) markers="$markers\${line#e}
" ;;
    x?*) markers=$(printf '%s' "$markers" | grep -vxF -e "\${line#x}"; echo .); markers=\${markers%.} ;;
    [+-]|[+-]*[!0-9]*) ;;
    +*) case $live in *" \${line#+} "*) ;; *) live="$live\${line#+} " ;; esac ;;
    -*) id=\${line#-}; case $live in *" $id "*) live="\${live% $id *} \${live#* $id }" ;; esac ;;
    '?') echo "$live" ;;
  esac
done
for g in $live; do kill -s KILL -- "-$g" 2>/dev/null; done
printf '%s' "$markers" | while IFS= read -r m; do
  for f in $(grep -lsxzF -e "$m" /proc/[0-9]*/environ); do p=\${f#/proc/}; kill -s KILL "\${p%/environ}" 2>/dev/null; done
done
`;

/** Restarts after the helper died unexpectedly; beyond this we run without it (the exit hook still works). */
const MAX_STARTS = 5;

let child: ChildProcess | undefined;
let input: Writable | undefined;
let output: Readable | undefined;
let starts = 0;
let scheduled = false;
/** Groups the helper must kill if we die: everything started and not yet reaped. */
const listed = new Set<number>();
/** Environment entries of live instances (see watchMarker). */
const markers = new Set<string>();
const answers: ((ids: number[]) => void)[] = [];
let answerBuffer = '';

/** Lists `pgid` with the watchdog (starting it in the background if needed). */
export function watchGroup(pgid: number): void {
  if (listed.has(pgid)) return;
  listed.add(pgid);
  if (input) send(`+${pgid}`);
  else scheduleStart();
}

/**
 * Removes `pgid` once it is gone (its leader reaped): the watchdog must never kill a number the
 * system may give to someone else. Pids are handed out cyclically, so one cannot come back in the
 * moment between the reap and this line.
 */
export function unwatchGroup(pgid: number): void {
  if (!listed.delete(pgid)) return;
  if (input) send(`-${pgid}`);
}

/**
 * Lists an environment entry (`TMPDIR=/tmp/fgtk-instance-...`) that marks every process of a live
 * instance: if we die, the watchdog kills those too, even ones that left the group.
 */
export function watchMarker(entry: string): void {
  if (markers.has(entry) || entry.includes('\n')) return;
  markers.add(entry);
  if (input) send(`e${entry}`);
  else scheduleStart();
}

/** Removes a marker once its instance is stopped and swept. */
export function unwatchMarker(entry: string): void {
  if (!markers.delete(entry)) return;
  if (input) send(`x${entry}`);
}

/** Pid of the watchdog, once started (diagnostics and tests). */
export function watchdogPid(): number | undefined {
  return input ? child?.pid : undefined;
}

/** Resolves once the watchdog runs (or could not start), for tests. */
export async function watchdogStarted(timeoutMs = 5000): Promise<number | undefined> {
  const until = Date.now() + timeoutMs;
  while (!watchdogPid() && scheduled && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 5));
  }
  return watchdogPid();
}

/** The groups the watchdog itself holds, asked over the pipe (diagnostics and tests); undefined when none runs. */
export function watchdogList(): Promise<number[] | undefined> {
  if (!input || !output) return Promise.resolve(undefined);
  const out = output as Readable & { ref?: () => void; unref?: () => void };
  out.ref?.(); // keep the loop alive until the answer arrives
  return new Promise((resolve) => {
    answers.push((ids) => {
      if (answers.length === 0) out.unref?.();
      resolve(ids);
    });
    send('?');
  });
}

function send(line: string): void {
  // A tiny write to a pipe with an empty queue goes out synchronously in libuv, so this also works
  // from an `exit` handler.
  input?.write(`${line}\n`);
}

function scheduleStart(): void {
  if (scheduled || input || starts >= MAX_STARTS || process.platform === 'win32') return;
  scheduled = true;
  setImmediate(start);
}

function start(): void {
  scheduled = false;
  if (input || (listed.size === 0 && markers.size === 0)) return;
  starts++;
  let proc: ChildProcess;
  try {
    proc = spawn('/bin/sh', ['-c', SCRIPT, 'fgtk-watchdog'], {
      cwd: '/',
      env: { PATH: '/usr/bin:/bin' }, // grep for the marker sweep; nothing else of ours
      detached: true, // setsid(): its own session and process group
      stdio: ['pipe', 'pipe', 'ignore'],
    });
  } catch {
    return; // no /bin/sh: the exit hook and explicit stops remain
  }
  if (proc.pid === undefined || !proc.stdin || !proc.stdout) {
    proc.on('error', () => undefined);
    starts = MAX_STARTS; // cannot spawn at all (no /bin/sh): do not try again
    return;
  }
  child = proc;
  input = proc.stdin;
  output = proc.stdout;
  proc.unref();
  (proc.stdin as Writable & { unref?: () => void }).unref?.();
  (proc.stdout as Readable & { unref?: () => void }).unref?.();
  proc.on('error', () => undefined);
  proc.stdin.on('error', () => undefined); // EPIPE if it was killed; its exit handler restarts it
  proc.stdout.setEncoding('latin1');
  proc.stdout.on('data', (chunk: string) => {
    answerBuffer += chunk;
    let nl: number;
    while ((nl = answerBuffer.indexOf('\n')) >= 0) {
      const ids = answerBuffer.slice(0, nl).trim().split(/\s+/).filter(Boolean).map(Number);
      answerBuffer = answerBuffer.slice(nl + 1);
      answers.shift()?.(ids);
    }
  });
  proc.on('exit', () => {
    if (child !== proc) return;
    child = undefined;
    input = undefined;
    output = undefined;
    answerBuffer = '';
    for (const answer of answers.splice(0)) answer([]);
    if (listed.size > 0 || markers.size > 0) scheduleStart(); // someone killed it: the groups still need a watchdog
  });
  for (const pgid of listed) send(`+${pgid}`);
  for (const entry of markers) send(`e${entry}`);
}
