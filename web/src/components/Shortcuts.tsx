import { useEffect, useRef, useState } from 'react';
import { navigate } from '../router';

const KEYS: [string, string][] = [
  ['j / k', 'Next / previous ticket in the inbox'],
  ['o or Enter', 'Open the selected ticket'],
  ['r', 'Reply to the customer (ticket page)'],
  ['n', 'Add an internal note (ticket page)'],
  ['m', 'Macros: search, preview, apply (ticket page)'],
  ['u', 'Back to the inbox (ticket page)'],
  ['g then i', 'Go to the inbox'],
  ['g then c', 'Go to chats'],
  ['g then k', 'Go to knowledge'],
  ['?', 'Show this list'],
];

const typingIn = (target: EventTarget | null) => target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLElement && target.isContentEditable);

/** `?` lists the keyboard shortcuts (a modal dialog: focus stays in it, Escape closes it); `g` + a letter moves between screens. */
export function Shortcuts() {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    let pendingG = 0;
    const onKey = (e: KeyboardEvent) => {
      if (typingIn(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '?') {
        e.preventDefault();
        setOpen(true);
        return;
      }
      if (e.key === 'g') {
        pendingG = Date.now();
        return;
      }
      if (Date.now() - pendingG < 1_500) {
        const to = { i: '/', c: '/chats', k: '/knowledge' }[e.key];
        pendingG = 0;
        if (to) {
          e.preventDefault();
          navigate(to);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-title" onClose={() => setOpen(false)}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table className="grid">
        <tbody>
          {KEYS.map(([key, what]) => (
            <tr key={key}>
              <th scope="row">
                <kbd>{key}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="primary">
          Close
        </button>
      </form>
    </dialog>
  );
}
