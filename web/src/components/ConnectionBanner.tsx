import { useConnectionState } from '../live';

/** Says so when the live connection is lost; goes away by itself once it is back. */
export function ConnectionBanner() {
  const state = useConnectionState();
  if (state !== 'lost') return null;
  return (
    <div className="banner" role="status" aria-live="polite">
      Connection lost — reconnecting… Changes made meanwhile will show up once it is back.
    </div>
  );
}
