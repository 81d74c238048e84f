import type { RunningTarget } from '../targets/start.ts';
import { isOurs } from '../targets/target.ts';
import type { Driver } from './driver.ts';
import { OursDriver } from './ours-driver.ts';
import { SocketIoDriver } from './sio-driver.ts';
import { WsDriver } from './ws-driver.ts';

/** The client side for a running target; `users` is the account pool size for our server. */
export async function driverFor(target: RunningTarget, users: number): Promise<Driver> {
  if (isOurs(target.name)) return OursDriver.create(target, users);
  if (target.name === 'ws' || target.name === 'ws-store') return new WsDriver(target);
  return new SocketIoDriver(target);
}
