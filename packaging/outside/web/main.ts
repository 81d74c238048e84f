// A web page's use of the SDK: bundled by Vite, it must take the browser entry (no `ws`).
import { createChatClient, isChatError } from '@chat/client';

const chat = createChatClient({ url: location.origin });
chat.api.room.list
  .query()
  .then((rooms) => (document.body.textContent = rooms.map((r) => r.name).join(', ')))
  .catch((err: unknown) => (document.body.textContent = isChatError(err, 'UNAUTHORIZED') ? 'sign in first' : String(err)));
