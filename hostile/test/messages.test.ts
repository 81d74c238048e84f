import { expect, test } from 'vitest';
import { deletedMeansDeleted } from '../src/attacks/deleted-means-deleted.ts';
import { editAfterLeaving } from '../src/attacks/left-room-edit.ts';
import { underAttack } from './under-attack.ts';

underAttack('messages', {}, (target) => {
  test('an edited or deleted text is nowhere: not in a replay from event 0, not in search, nor its file', async () => {
    const seen = await deletedMeansDeleted(target());
    expect(seen.replayFrames).toBeGreaterThan(0);
    expect(seen.secretsInReplay).toEqual([]);
    expect(seen.searchHits).toEqual({ hunter2: 0, '078-05': 0 });
    expect([404, 410]).toContain(seen.attachmentStatus);
  });

  test('after leaving a private room, editing one’s message there is FORBIDDEN, deleting it is allowed', async () => {
    expect(await editAfterLeaving(target())).toEqual({ edit: 'FORBIDDEN', delete: 'ok' });
  });
});
