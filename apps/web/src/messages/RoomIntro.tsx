import type { Room } from '@chat/api-types';
import { muted } from '../ui/styles.ts';

/** The top of a room's history, once there is nothing older to load. */
export function RoomIntro({ room }: { room: Room }) {
  return (
    <div className="px-5 pt-8 pb-4">
      <h2 className="text-xl font-semibold">{room.kind === 'direct' ? room.name : `Welcome to ${room.name}`}</h2>
      <p className={`${muted} mt-1 text-sm`}>
        {room.kind === 'direct'
          ? `This is the beginning of your conversation with ${room.name}.`
          : room.topic || `This is the very beginning of ${room.name}.`}
      </p>
    </div>
  );
}
