// Delivery mode `go-rpc` (builtin-runtimes.md 1.7): the instance is the server. Each event goes to
// `Function.Invoke` over one net/rpc connection per instance, opened when the instance first accepts
// on its RUNTIME_API_ADDR (the readiness signal and the end of its init duration) and kept for
// every warm call. A timed-out call closes the connection; the invoker kills the instance (the library
// never stops a handler) and the next event cold-starts.
import { t } from '../../../l10n';
import type { Instance } from '../../instance';
import type { Delivery, DeliveryJob, DeliveryModule, DeliverySession } from '../types';
import { GoRpcChannel, parseGoAddress } from './goRpcChannel';

/** A process that closed the connection but lives on gets this long to exit before the call fails on its own. */
const LOST_GRACE_MS = 1000;

class GoRpcDelivery implements Delivery {
  readonly readiness = t('accept net/rpc connections on its RUNTIME_API_ADDR (main() must call runtime.Register(Handler))');
  readonly redeliverAfterIdleExit = false;
  private channel: GoRpcChannel | undefined;
  private channelOf: Instance | undefined;

  constructor(private readonly session: DeliverySession) {}

  deliver(job: DeliveryJob): void {
    this.run(job).catch((err: unknown) => {
      const body = Buffer.from(JSON.stringify({ errorMessage: err instanceof Error ? err.message : String(err), errorType: 'EmulatorError' }));
      job.finish({ kind: 'answer', answer: { kind: 'error', body, at: performance.now() } });
    });
  }

  private async run(job: DeliveryJob): Promise<void> {
    const inst = job.instance;
    if (this.channelOf !== inst) {
      this.reset();
      const addr = inst.launch.env.RUNTIME_API_ADDR;
      if (!addr) throw new Error('A go-rpc instance was started without RUNTIME_API_ADDR.');
      const { host, port } = parseGoAddress(addr);
      this.channel = new GoRpcChannel(host, port);
      this.channelOf = inst;
    }
    const channel = this.channel!;
    if (!channel.connected) {
      let gaveUp = false;
      job.bound(this.session.initTimeoutMs, () => {
        gaveUp = true;
        job.finish({ kind: 'timeout', phase: 'init' });
      });
      const readyAt = await channel.connect(() => gaveUp || !inst.alive || !job.active);
      if (readyAt === undefined) return; // the exit or the timeout already tells the job
      this.session.markReady(inst, readyAt);
      if (job.cold) this.session.log('info', t('The Go function accepts net/rpc connections on {0}.', `${channel.host}:${channel.port}`));
    }
    job.delivered(performance.now(), () => channel.close());
    const r = await channel.call(job.requestId, job.body, job.invokeType, this.session.credentials);
    if (r.kind === 'answer') {
      job.finish(r);
      return;
    }
    // The connection went away: normally the process died and its exit ends the job as a crash.
    setTimeout(() => {
      if (!job.active || !inst.alive) return;
      const body = Buffer.from(JSON.stringify({ errorMessage: t('The Go function closed the net/rpc connection during the call: {0}', r.message), errorType: 'ConnectionLost' }));
      job.finish({ kind: 'answer', answer: { kind: 'error', body, at: performance.now() } });
    }, LOST_GRACE_MS).unref();
  }

  withdraw(): boolean {
    return false; // an event is only ever handed over in a call; nothing waits to be taken back
  }

  abandon(): void {
    // A late reply cannot count: the job is settled, and the supervisor stops the instance.
  }

  reset(): void {
    this.channel?.close();
    this.channel = undefined;
    this.channelOf = undefined;
  }

  dispose(): void {
    this.reset();
  }
}

export const goRpcDelivery: DeliveryModule = {
  create: (session) => new GoRpcDelivery(session),
};
