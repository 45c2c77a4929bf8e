// HTTP delivery (HTTP-1..5): the instance serves on 127.0.0.1:8000; each event becomes a real HTTP
// request with the platform's X-CFF-* headers, and the reply the platform's result shape.
import { BridgeError, eventToRequest, HTTP_FUNCTION_PORT, HttpBridge, port8000Problem, waitForPort } from '../../emulator/httpBridge';
import { t } from '../../l10n';
import { InvokeErrors } from '../errors';
import type { Delivery, DeliveryJob, DeliveryModule, DeliverySession } from './types';

class HttpDelivery implements Delivery {
  readonly readiness = t('accept connections on 127.0.0.1:{0}', HTTP_FUNCTION_PORT);
  /** An HTTP function that ended while idle failed as a server: that is reported, not hidden. */
  readonly redeliverAfterIdleExit = false;
  private readonly bridge = new HttpBridge();

  constructor(private readonly session: DeliverySession) {}

  deliver(job: DeliveryJob): void {
    const inst = job.instance;
    if (inst.readyAt !== undefined) {
      this.send(job);
      return;
    }
    let gaveUp = false;
    job.bound(this.session.initTimeoutMs, () => {
      gaveUp = true;
      job.finish({ kind: 'timeout', phase: 'init' });
    });
    void (async () => {
      const stopped = () => gaveUp || !inst.alive || !job.active;
      const ok = (await waitForPort(HTTP_FUNCTION_PORT, stopped)) && !stopped();
      if (!ok) return;
      this.session.markReady(inst, performance.now());
      if (job.cold) this.session.log('info', t('The HTTP function accepts connections on 127.0.0.1:{0}.', HTTP_FUNCTION_PORT));
      this.send(job);
    })();
  }

  private send(job: DeliveryJob): void {
    const { spec, memoryMB, timeoutS, projectId, region } = this.session;
    const cff: Record<string, string> = {
      'X-CFF-Request-Id': job.requestId,
      'X-CFF-Memory': String(memoryMB),
      'X-CFF-Timeout': String(timeoutS),
      'X-CFF-Func-Version': spec.version,
      'X-CFF-Func-Name': spec.name,
      'X-CFF-Project-Id': projectId,
      'X-CFF-Package': spec.packageName,
      'X-CFF-Region': region,
    };
    const request = eventToRequest(job.body, cff);
    for (const w of request.warnings) this.session.log('warn', w);
    const abort = new AbortController();
    job.delivered(performance.now(), () => abort.abort());
    this.bridge.send(request, abort.signal).then(
      (reply) => job.finish({ kind: 'http', output: reply.output, at: performance.now() }),
      (err: unknown) => {
        if (abort.signal.aborted) return;
        const e = err instanceof BridgeError ? err : new BridgeError(String(err), 'RequestFailed');
        job.finish({ kind: 'http-error', error: e, at: performance.now() });
      },
    );
  }

  withdraw(): boolean {
    return false; // a request once sent cannot be taken back
  }

  abandon(): void {
    // The timeout already aborted the request.
  }

  reset(): void {
    this.bridge.reset();
  }

  dispose(): void {
    this.bridge.dispose();
  }
}

export const httpDelivery: DeliveryModule = {
  async beforeStart() {
    const problem = await port8000Problem();
    return problem ? { errorType: InvokeErrors.portInUse, message: problem } : undefined;
  },
  create: (session) => new HttpDelivery(session),
};
