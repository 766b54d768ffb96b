import { link } from '../../format';
import { SearchList } from './SearchList';

interface Row {
  id: string;
  email: string;
  name: string | null;
  organisationId: string | null;
  organisationName: string | null;
}

const cells = (c: Row) => (
  <>
    <td>
      <a {...link(`/customers/${c.id}`)}>{c.name ?? c.email}</a>
    </td>
    <td>{c.email}</td>
    <td>{c.organisationId ? <a {...link(`/organisations/${c.organisationId}`)}>{c.organisationName ?? 'Organisation'}</a> : '—'}</td>
  </>
);

/** Customers by e-mail, searchable by part of the e-mail or name. */
export function CustomerList() {
  return <SearchList one="customer" many="customers" placeholder="Name or e-mail" url="/api/v1/customers?limit=50" columns={['Name', 'E-mail', 'Organisation']} row={cells} />;
}
