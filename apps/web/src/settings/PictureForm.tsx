import { useEffect, useRef, useState } from 'react';
import { useAuth } from '../auth/authContext.ts';
import { useMe } from '../auth/meContext.ts';
import { uploadFile, UploadFailed } from '../files/upload.ts';
import { errorMessage } from '../lib/errors.ts';
import { useProfile, useSetProfile } from '../profiles/useProfile.ts';
import { trpc } from '../trpc.ts';
import { Avatar } from '../ui/Avatar.tsx';
import { FormError } from '../ui/FormError.tsx';
import { FormStatus } from '../ui/FormStatus.tsx';
import { button, muted } from '../ui/styles.ts';

/** What the server makes a picture of (files/images.ts): anything else is refused. */
const PICTURE_TYPES = 'image/png,image/jpeg,image/gif,image/webp,image/avif';

/**
 * My picture: chosen from the device, uploaded as any file is (POST /api/files), then made my
 * picture; shown here as others see it on my card. Without one, people see my initials.
 */
export function PictureForm() {
  const me = useMe();
  const { token } = useAuth();
  const avatar = useProfile(me.id).data?.avatar;
  const setProfile = useSetProfile();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  // Leaving the page stops an upload nobody would see finish.
  const uploading = useRef<AbortController | null>(null);
  useEffect(() => () => uploading.current?.abort(), []);
  const setAvatar = trpc.user.setAvatar.useMutation({
    onSuccess: (profile) => {
      setProfile(profile);
      setSaved(profile.avatar ? 'Saved. People now see your new picture.' : 'Picture removed. People now see your initials.');
    },
    onError: (error) => {
      // The server names the field first ("fileId: must be a PNG, …"): here, the file just chosen.
      const reason = errorMessage(error).replace(/^fileId: /, '');
      setFailure(reason.startsWith('must') ? `That file ${reason}.` : reason);
    },
  });

  const choose = async (file: File) => {
    uploading.current?.abort();
    const controller = new AbortController();
    uploading.current = controller;
    setFailure(null);
    setSaved('');
    setProgress(0);
    try {
      const uploaded = await uploadFile(file, { token, onProgress: setProgress, signal: controller.signal });
      setAvatar.mutate({ fileId: uploaded.id });
    } catch (error) {
      if (error instanceof UploadFailed) setFailure(error.failure.message);
    } finally {
      if (uploading.current === controller) {
        uploading.current = null;
        setProgress(null);
      }
    }
  };
  const busy = progress !== null || setAvatar.isPending;

  return (
    <div className="flex flex-wrap items-center gap-5">
      <Avatar user={me} size="lg" />
      <div className="min-w-0 flex-1 basis-56 space-y-3">
        <p className={`${muted} text-sm`}>
          {progress !== null
            ? `Uploading… ${Math.round(progress * 100)}%`
            : setAvatar.isPending
              ? 'Saving…'
              : avatar
                ? 'This is how people see you beside your messages and on your card.'
                : 'No picture yet: people see your initials.'}
        </p>
        <div className="flex flex-wrap gap-2">
          <button type="button" className={button.secondarySmall} disabled={busy} onClick={() => input.current?.click()}>
            {avatar ? 'Change picture…' : 'Choose a picture…'}
          </button>
          {avatar && (
            <button type="button" className={button.dangerSmall} disabled={busy} onClick={() => setAvatar.mutate({ fileId: null })}>
              Remove picture
            </button>
          )}
        </div>
        <input
          ref={input}
          type="file"
          accept={PICTURE_TYPES}
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Choosing the same file again must still fire a change.
            event.target.value = '';
            if (file) void choose(file);
          }}
        />
        <FormError message={failure} />
        <FormStatus message={saved} />
      </div>
    </div>
  );
}
