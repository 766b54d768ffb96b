import { z } from 'zod';
import { ROLES } from '../platform/auth/roles.js';
import { Email, Timestamp } from '../platform/http/schemas.js';

export const RoleSchema = z.enum(ROLES);

export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  active: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const LoginBody = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(1024) });
export const SessionResponse = z.object({ user: UserSchema, csrfToken: z.string(), expiresAt: Timestamp.optional() });

export const CreateUserBody = z.object({
  email: Email,
  name: z.string().trim().min(1).max(200),
  role: RoleSchema,
  password: z.string().max(1024).optional(),
});

export const UpdateUserBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: RoleSchema.optional(),
    active: z.boolean().optional(),
    password: z.string().max(1024).optional(),
  })
  .strict();

export const TokenSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: RoleSchema.nullable(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  expiresAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});

export const CreateTokenBody = z.object({
  name: z.string().trim().min(1).max(200),
  userId: z.string().optional().describe('Admins may create tokens for others; default: yourself'),
  role: RoleSchema.optional().describe("Caps the token's role below its owner's"),
  expiresAt: z.iso.datetime().optional(),
});

export const CreatedTokenResponse = z.object({
  token: z.string().describe('Shown once; store it now'),
  record: TokenSchema,
});

export const TokenListQuery = z.object({ all: z.enum(['true', 'false']).optional() });
