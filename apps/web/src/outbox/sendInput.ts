import type { RouterInputs } from '@chat/api-types';

export type SendInput = RouterInputs['message']['send'];
