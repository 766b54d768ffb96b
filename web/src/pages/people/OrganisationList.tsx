import { link } from '../../format';
import { SearchList } from './SearchList';

export interface Organisation {
  id: string;
  name: string;
  domains: string[];
  plan: string | null;
  vip: boolean;
  notes: string | null;
}

const cells = (o: Organisation) => (
  <>
    <td>
      <a {...link(`/organisations/${o.id}`)}>{o.name}</a>
      {o.vip && <span className="badge vip">VIP</span>}
    </td>
    <td>{o.domains.join(', ') || '—'}</td>
    <td>{o.plan ?? '—'}</td>
  </>
);

/** Organisations by name, searchable. */
export function OrganisationList() {
  return <SearchList one="organisation" many="organisations" placeholder="Name" url="/api/v1/organisations?limit=50" columns={['Name', 'Domains', 'Plan']} row={cells} />;
}
