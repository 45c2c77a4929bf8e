// Runtime API delivery (API-1..6): the instance long-polls GET /v1/runtime/invocation/request on the
// session's embedded server and POSTs its answer. Bootstraps and our shims speak it.
import { functionUrn } from '../../emulator/extensions';
import { t } from '../../l10n';
import type { Delivery, DeliveryJob, DeliveryModule, DeliverySession } from './types';

class RuntimeApiDelivery implements Delivery {
  readonly readiness = t('ask for an event (GET /v1/runtime/invocation/request)');
  readonly redeliverAfterIdleExit = true;

  constructor(private readonly session: DeliverySession) {}

  deliver(job: DeliveryJob): void {
    const { server } = this.session;
    const inst = job.instance;
    const timeoutMs = this.session.timeoutS * 1000;
    // A cold instance is ready at its first GET, even when the event reaches it later.
    if (inst.readyAt === undefined) server.onNextGet((at) => this.session.markReady(inst, at));
    server.offer(job.requestId, job.body, job.invokeType, (at) => {
      this.session.markReady(inst, at);
      job.delivered(at);
      if (server.extensions.list.length > 0) {
        const { spec, region, projectId } = this.session;
        void server.extensions.notifyInvoke(job.requestId, functionUrn(region, projectId, spec.packageName, spec.name, spec.version));
      }
    }).then((answer) => {
      if (answer.kind !== 'withdrawn') job.finish({ kind: 'answer', answer });
    }, () => undefined);
    // A warm instance usually waits with its GET already, and the event went out synchronously above.
    if (job.deliveredAt === undefined) {
      job.bound(inst.readyAt === undefined ? this.session.initTimeoutMs : timeoutMs, () => job.finish({ kind: 'timeout', phase: job.deliveredAt === undefined ? 'init' : 'run' }));
    }
  }

  withdraw(requestId: string): boolean {
    return this.session.server.withdraw(requestId);
  }

  abandon(requestId: string): void {
    this.session.server.abandon(requestId);
  }

  reset(): void {
    // The server itself is the session's (every instance also uses it for extensions): the supervisor resets it.
  }

  dispose(): void {
    // Likewise closed by the session.
  }
}

export const runtimeApiDelivery: DeliveryModule = {
  create: (session) => new RuntimeApiDelivery(session),
};
