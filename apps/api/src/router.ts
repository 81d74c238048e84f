import { authRouter } from './auth/router.ts';
import { messageRouter } from './messages/router.ts';
import { dmRouter } from './rooms/dm-router.ts';
import { roomRouter } from './rooms/router.ts';
import { router } from './trpc.ts';
import { userRouter } from './users/router.ts';

export const appRouter = router({
  auth: authRouter,
  user: userRouter,
  room: roomRouter,
  dm: dmRouter,
  message: messageRouter,
});

export type AppRouter = typeof appRouter;
