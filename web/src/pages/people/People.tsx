import type { User } from '../../api';
import { ViewsNav } from '../../components/ViewsNav';
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
      <ViewsNav label="People" title="People" views={SECTIONS} current={id ? null : section} onSelect={(s) => navigate(`/${s}`)} />
      <div className="admin-body">
        {section === 'customers' && (id ? <CustomerPage key={id} id={id} user={user} /> : <CustomerList />)}
        {section === 'organisations' && (id ? <OrganisationPage key={id} id={id} user={user} /> : <OrganisationList />)}
      </div>
    </div>
  );
}
