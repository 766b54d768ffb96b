/**
 * The side navigation of an area (admin, people, articles, guides): its title, then one button a
 * view, the current one marked for screen readers with aria-current.
 */
export function ViewsNav<Id extends string>({ label, title, views, current, onSelect }: { label: string; title: string; views: readonly { id: Id; label: string }[]; current: Id | null; onSelect: (id: Id) => void }) {
  return (
    <nav className="views" aria-label={label}>
      <h1 className="views-title">{title}</h1>
      <ul>
        {views.map((v) => (
          <li key={v.id}>
            <button type="button" aria-current={v.id === current ? 'page' : undefined} onClick={() => onSelect(v.id)}>
              {v.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
