import { z } from 'zod';
import { RoleSchema } from '../accounts/accounts.schema.js';
import { Limit, Timestamp } from '../platform/http/schemas.js';
import { UUID_PATTERN } from '../platform/ids.js';

const UserId = z.string().regex(UUID_PATTERN, 'must be a user id');

export const CreateGroupBody = z
  .object({ name: z.string().trim().min(1).max(120), description: z.string().trim().max(2000).nullable().optional() })
  .strict();
export type CreateGroupInput = z.infer<typeof CreateGroupBody>;

export const UpdateGroupBody = CreateGroupBody.partial().strict();
export type UpdateGroupInput = z.infer<typeof UpdateGroupBody>;

export const ListGroupsQuery = z.object({
  q: z.string().trim().min(1).max(120).optional().describe('Part of the name'),
  limit: Limit(100, 50),
  cursor: z.string().max(500).optional(),
});
export type ListGroupsFilter = z.infer<typeof ListGroupsQuery>;

export const ReplaceMembersBody = z
  .object({ userIds: z.array(UserId).max(500).refine((ids) => new Set(ids).size === ids.length, 'must not repeat a user') })
  .strict();
export const AddMemberBody = z.object({ userId: UserId }).strict();
export const MemberParams = z.object({ id: z.string().regex(UUID_PATTERN, 'must be an id'), userId: UserId });

export const GroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  memberCount: z.number(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Group = z.infer<typeof GroupSchema>;

export const GroupMemberSchema = z.object({ id: z.string(), name: z.string(), email: z.string(), role: RoleSchema });
export type GroupMember = z.infer<typeof GroupMemberSchema>;

export const GroupDetailSchema = GroupSchema.extend({ members: z.array(GroupMemberSchema) });
export type GroupDetail = z.infer<typeof GroupDetailSchema>;

export const GroupListResponse = z.object({ items: z.array(GroupSchema), nextCursor: z.string().nullable() });
