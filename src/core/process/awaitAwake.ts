// Waiting for a short answer from another process without falling asleep. When Node has nothing
// to do it blocks in epoll_wait and the CPU may idle; waking it for the answer costs tens of
// microseconds, more on a virtual machine (measured here: a warm Go 1.x call took 94 µs with the
// loop asleep, 62 µs with it polling). Go's own runtime spins briefly before parking for the same
// reason. So for at most `maxMs` the loop keeps polling (a setImmediate chain makes epoll_wait
// return at once); it then sleeps as usual, and long handlers cost at most `maxMs` of CPU.

/** Resolves as `answer` does; while it is pending (up to `maxMs`) the event loop does not sleep. */
export function awaitAwake<T>(answer: Promise<T>, maxMs: number): Promise<T> {
  let settled = false;
  const until = performance.now() + maxMs;
  const poll = () => {
    if (!settled && performance.now() < until) setImmediate(poll);
  };
  setImmediate(poll);
  return answer.finally(() => {
    settled = true;
  });
}
