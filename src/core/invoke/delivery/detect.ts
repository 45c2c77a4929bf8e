// A bootstrap not declared an HTTP function: it is whichever it shows first. The event is offered on
// the runtime API while port 8000 is watched; a GET makes it an event function, a listener of its own
// on 8000 an HTTP function (the event is withdrawn and sent as an HTTP request instead).
import { existsSync } from 'node:fs';
import { HTTP_FUNCTION_PORT, portAccepts } from '../../emulator/httpBridge';
import { t } from '../../l10n';
import { isListening, portOwners, processGroupOf } from '../../process/procfs';
import type { Instance } from '../instance';
import type { Delivery, DeliveryJob, DeliveryModule, DeliverySession } from './types';

class DetectDelivery implements Delivery {
  constructor(private readonly session: DeliverySession) {}

  private get api(): Delivery {
    return this.session.delivery('runtime-api');
  }

  get readiness(): string {
    return this.api.readiness;
  }

  readonly redeliverAfterIdleExit = true;

  deliver(job: DeliveryJob): void {
    if (job.instance.readyAt === undefined) void this.watchPort(job);
    job.whenDelivered(() => {
      if (this.session.mode !== 'detect') return;
      this.session.settleMode('runtime-api');
      if (job.cold) this.session.log('info', t('Detected an event function: the bootstrap polls the runtime API (GET /v1/runtime/invocation/request).'));
    });
    this.api.deliver(job);
  }

  private async watchPort(job: DeliveryJob): Promise<void> {
    const inst = job.instance;
    while (this.session.mode === 'detect' && inst.alive && job.active && job.deliveredAt === undefined) {
      if (await portAccepts(HTTP_FUNCTION_PORT) && (await ownsPort8000(inst))) {
        if (this.session.mode !== 'detect' || !this.api.withdraw(job.requestId)) return;
        this.session.settleMode('http');
        this.session.log('info', t('Detected an HTTP function: the bootstrap listens on 127.0.0.1:{0} (HTTP-1) instead of polling the runtime API.', HTTP_FUNCTION_PORT));
        this.session.markReady(inst, performance.now());
        this.session.delivery('http').deliver(job);
        return;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  withdraw(requestId: string): boolean {
    return this.api.withdraw(requestId);
  }

  abandon(requestId: string): void {
    this.api.abandon(requestId);
  }

  reset(): void {
    // Both modes it may hand over to are the session's own and reset there.
  }

  dispose(): void {
    // Likewise.
  }
}

/**
 * Whether the listener on 8000 belongs to this instance (not another program that started
 * meanwhile). With /proc, no owner found is a listener that went away again (another program's,
 * closed between the connect and this look), unless one still listens whose owner we may not
 * read; without /proc the OS does not tell, and the listener is taken for the instance's.
 */
async function ownsPort8000(inst: Instance): Promise<boolean> {
  const owners = await portOwners(HTTP_FUNCTION_PORT);
  if (owners.length === 0) return !existsSync('/proc/net/tcp') || (await isListening(HTTP_FUNCTION_PORT));
  const groups = await Promise.all(owners.map((o) => processGroupOf(o.pid)));
  return groups.includes(inst.pid);
}

export const detectDelivery: DeliveryModule = {
  async beforeStart() {
    if (!(await isListening(HTTP_FUNCTION_PORT))) return undefined;
    return { mode: 'runtime-api', note: t('Port {0} is already in use on this machine, so this bootstrap is treated as a runtime-API (event) function.', HTTP_FUNCTION_PORT) };
  },
  create: (session) => new DetectDelivery(session),
};
