import type { Room } from '@chat/api-types';
import { useId, type ReactNode } from 'react';
import { errorMessage } from '../lib/errors.ts';
import { useRoomRights } from '../rooms/useRoomRights.ts';
import { trpc } from '../trpc.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';
import { button, muted } from '../ui/styles.ts';
import { DeleteRoomButton } from './DeleteRoomButton.tsx';
import { RoomDetailsForm } from './RoomDetailsForm.tsx';

/**
 * The room's settings, for its owner and admins (and the server admin): name and topic, archiving,
 * and for the owner deleting it. Everyone else sees its details, read-only.
 */
export function RoomSettingsDialog({ room, onClose }: { room: Room; onClose(): void }) {
  const { looksAfter, owns } = useRoomRights(room);
  const about = `${room.kind === 'private' ? 'Private' : 'Public'} room · ${room.memberCount} ${room.memberCount === 1 ? 'member' : 'members'}`;
  return (
    <Dialog title={looksAfter ? 'Room settings' : 'Room details'} description={about} onClose={onClose}>
      {looksAfter ? <RoomDetailsForm room={room} /> : <RoomFacts room={room} />}
      {looksAfter && (
        <Setting
          title={room.archived ? 'Archived' : 'Archive'}
          description={
            room.archived
              ? 'Nobody can post, react or pin here. Its history stays readable and searchable.'
              : 'Keeps the history readable and searchable, but nobody can post, react or pin until it is unarchived.'
          }
        >
          <ArchiveButton room={room} />
        </Setting>
      )}
      {owns && (
        <Setting title="Delete" description="Removes the room and everything in it, for everyone.">
          <DeleteRoomButton room={room} />
        </Setting>
      )}
    </Dialog>
  );
}

/** What a member sees of the room: what its owner and admins have set. */
function RoomFacts({ room }: { room: Room }) {
  return (
    <>
      <dl className="space-y-3 text-sm">
        <Fact term="Name">{room.name}</Fact>
        <Fact term="Topic">{room.topic || <span className={muted}>No topic</span>}</Fact>
        {room.archived && <Fact term="Status">Archived — read-only</Fact>}
      </dl>
      <p className={`${muted} pt-4 text-xs`}>Only the room's owner and admins change these.</p>
    </>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-700 dark:text-slate-200">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ArchiveButton({ room }: { room: Room }) {
  // The room list follows from the notice the server writes of it.
  const setArchived = trpc.room.setArchived.useMutation();
  return (
    <>
      <button type="button" className={button.secondarySmall} disabled={setArchived.isPending} onClick={() => setArchived.mutate({ roomId: room.id, archived: !room.archived })}>
        {room.archived ? 'Unarchive room' : 'Archive room'}
      </button>
      <FormError message={setArchived.error && errorMessage(setArchived.error)} />
    </>
  );
}

function Setting({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="mt-6 space-y-3 border-t border-slate-200 pt-5 dark:border-slate-800">
      <div>
        <h3 id={id} className="text-sm font-semibold">
          {title}
        </h3>
        <p className={`${muted} mt-0.5 text-sm`}>{description}</p>
      </div>
      {children}
    </section>
  );
}
