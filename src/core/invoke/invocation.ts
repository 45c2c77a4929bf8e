// One event on its way through the invoker: its request ID, the log lines that belong to it, when
// the instance took it, and how it ended. Delivery modes see it as a DeliveryJob.
import type { Deadline } from './deadline';
import type { DeliveryJob } from './delivery';
import type { Instance } from './instance';
import type { Outcome } from './outcome';
import type { LogLine } from './types';
import { t } from '../l10n';

/** Lines kept per invocation; a function that logs more keeps running, the rest is dropped with a note. */
const MAX_LOG_LINES = 10_000;

export class Invocation implements DeliveryJob {
  readonly logs: LogLine[] = [];
  cold = false;
  instance!: Instance;
  private at: number | undefined;
  private settled = true;
  private resolve: (o: Outcome) => void = () => undefined;
  private listeners: ((at: number) => void)[] = [];

  constructor(
    readonly requestId: string,
    readonly body: Buffer,
    readonly invokeType: 'sync' | 'async',
    private readonly deadline: Deadline,
    private readonly runTimeoutMs: number,
    private readonly isCurrent: (inv: Invocation) => boolean,
  ) {}

  /** One try at delivering the event (a second one follows when a one-shot instance ended first); resolves with how it ended. */
  attempt(): Promise<Outcome> {
    this.settled = false;
    this.listeners = [];
    return new Promise<Outcome>((resolve) => {
      this.resolve = resolve;
    });
  }

  get done(): boolean {
    return this.settled;
  }

  get deliveredAt(): number | undefined {
    return this.at;
  }

  get active(): boolean {
    return this.isCurrent(this);
  }

  delivered(at: number, onTimeout?: () => void): void {
    this.at = at;
    for (const listener of this.listeners) listener(at);
    this.deadline.start(this.runTimeoutMs, () => {
      onTimeout?.();
      this.finish({ kind: 'timeout', phase: 'run' });
    });
  }

  whenDelivered(listener: (at: number) => void): void {
    this.listeners.push(listener);
  }

  bound(ms: number, onTimeout: () => void): void {
    this.deadline.start(ms, onTimeout);
  }

  finish(outcome: Outcome): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve(outcome);
  }

  /** Keeps a line for the result (up to MAX_LOG_LINES, then one note). */
  keep(line: LogLine): void {
    if (this.logs.length < MAX_LOG_LINES) this.logs.push(line);
    else if (this.logs.length === MAX_LOG_LINES) this.logs.push({ time: new Date(), stream: 'emulator', level: 'warn', text: t('More than {0} log lines; the rest of this invocation\'s log is not kept.', MAX_LOG_LINES), requestId: line.requestId });
  }
}
