import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { adminRouter } from './procedures/admin.ts';
import { authRouter } from './procedures/auth.ts';
import { messageRouter } from './procedures/messages.ts';
import { dmRouter } from './procedures/dm.ts';
import { roomRouter } from './procedures/rooms.ts';
import { router } from './procedures/trpc.ts';
import { userRouter } from './procedures/users.ts';

export const appRouter = router({
  auth: authRouter,
  user: userRouter,
  room: roomRouter,
  dm: dmRouter,
  message: messageRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
