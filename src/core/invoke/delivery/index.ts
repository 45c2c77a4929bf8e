// Every delivery mode, by the name a launch plan gives it. Adding one is one file and one line here.
import { detectDelivery } from './detect';
import { goRpcDelivery } from './goRpc/goRpcDelivery';
import { httpDelivery } from './http';
import { runtimeApiDelivery } from './runtimeApi';
import type { DeliveryModule } from './types';

export type { BeforeStart, Delivery, DeliveryJob, DeliveryModule, DeliverySession } from './types';

export const DELIVERIES = {
  'runtime-api': runtimeApiDelivery,
  http: httpDelivery,
  detect: detectDelivery,
  'go-rpc': goRpcDelivery,
} satisfies Record<string, DeliveryModule>;

export type DeliveryMode = keyof typeof DELIVERIES;
