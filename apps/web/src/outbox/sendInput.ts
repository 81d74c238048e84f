import type { RouterInputs } from '@chat/api/router';

export type SendInput = RouterInputs['message']['send'];
