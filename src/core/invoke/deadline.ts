/** A one-shot timer that can be paused while a debugger holds the function at a breakpoint. */
export class Deadline {
  private timer: NodeJS.Timeout | undefined;
  private callback: (() => void) | undefined;
  private remaining = 0;
  private armedAt = 0;
  private armedMs = -1;
  private paused = false;
  private readonly fire = () => {
    const cb = this.callback;
    this.callback = undefined;
    cb?.();
  };

  /** (Re)starts the countdown; `Infinity` waits forever. */
  start(ms: number, callback: () => void): void {
    this.callback = callback;
    this.remaining = ms;
    if (!this.paused) this.arm();
  }

  /** Disarms without freeing the timer: the next start() with the same length only refreshes it (hot path). */
  clear(): void {
    this.callback = undefined;
  }

  /** Frees the timer. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.callback = undefined;
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    if (this.timer && this.callback) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.remaining = Math.max(0, this.remaining - (performance.now() - this.armedAt));
    }
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.callback && !this.timer) this.arm();
  }

  private arm(): void {
    if (!Number.isFinite(this.remaining)) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      return;
    }
    this.armedAt = performance.now();
    if (this.timer && this.armedMs === this.remaining) {
      this.timer.refresh();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.armedMs = this.remaining;
    this.timer = setTimeout(this.fire, this.remaining);
    this.timer.unref();
  }
}
