import type { Guide, GuideNode, GuideSummary } from './guides.schema.js';
import type { GuideRow } from './guides.tables.js';

/** The nodes stored as JSON. */
export const parseNodes = (json: string): GuideNode[] => JSON.parse(json) as GuideNode[];

/** A guide row as the API lists it (without its nodes). */
export function toGuideSummary(row: GuideRow): GuideSummary {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    category: row.category,
    locale: row.locale,
    visibility: row.visibility as GuideSummary['visibility'],
    status: row.status as GuideSummary['status'],
    nodeCount: parseNodes(row.nodes).length,
    version: Number(row.version),
    author: { type: row.author_type, id: row.author_id },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  };
}

/** A guide row with its decision tree. */
export function toGuide(row: GuideRow): Guide {
  return { ...toGuideSummary(row), startNodeId: row.start_node_id, nodes: parseNodes(row.nodes) };
}

/** The fields whose changes the audit trail records; the tree appears as its node ids. */
export function auditedGuideFields(row: Pick<GuideRow, 'title' | 'description' | 'category' | 'visibility' | 'status' | 'start_node_id' | 'nodes'>): Record<string, unknown> {
  const nodes = parseNodes(row.nodes);
  return {
    title: row.title,
    description: row.description,
    category: row.category,
    visibility: row.visibility,
    status: row.status,
    startNodeId: row.start_node_id,
    nodes: nodes.map((n) => n.id),
    tree: row.nodes.length,
  };
}
