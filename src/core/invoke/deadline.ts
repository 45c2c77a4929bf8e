/** A one-shot timer that can be paused while a debugger holds the function at a breakpoint. */
export class Deadline {
  private timer: NodeJS.Timeout | undefined;
  private callback: (() => void) | undefined;
  private remaining = 0;
  private armedAt = 0;
  private paused = false;

  /** (Re)starts the countdown; `Infinity` waits forever. */
  start(ms: number, callback: () => void): void {
    this.clear();
    this.callback = callback;
    this.remaining = ms;
    if (!this.paused) this.arm();
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.callback = undefined;
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    if (this.timer) {
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
    if (!Number.isFinite(this.remaining)) return;
    this.armedAt = performance.now();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const cb = this.callback;
      this.callback = undefined;
      cb?.();
    }, this.remaining);
  }
}
