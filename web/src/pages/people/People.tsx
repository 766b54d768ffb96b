import type { User } from '../../api';
import { navigate } from '../../router';
import { CustomerList } from './CustomerList';
import { CustomerPage } from './CustomerPage';
import { OrganisationList } from './OrganisationList';
import { OrganisationPage } from './OrganisationPage';

const SECTIONS = [
  { id: 'customers', label: 'Customers' },
  { id: 'organisations', label: 'Organisations' },
] as const;

/** Customers and organisations (/app/customers…, /app/organisations…). Loaded on demand. */
export default function People({ user, section, id }: { user: User; section: 'customers' | 'organisations'; id: string | undefined }) {
  return (
    <div className="admin">
      <nav className="views" aria-label="People">
        <h1 className="views-title">People</h1>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <button type="button" aria-current={s.id === section && !id ? 'page' : undefined} onClick={() => navigate(`/${s.id}`)}>
                {s.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-body">
        {section === 'customers' && (id ? <CustomerPage key={id} id={id} user={user} /> : <CustomerList />)}
        {section === 'organisations' && (id ? <OrganisationPage key={id} id={id} user={user} /> : <OrganisationList />)}
      </div>
    </div>
  );
}
