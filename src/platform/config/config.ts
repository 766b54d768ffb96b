import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Typed, validated configuration. Read once at start; a bad value stops the process naming the variable. */
export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Unset: the server creates one on first start and keeps it in the database. */
  secret: string | undefined;
  demo: boolean;
  bodyLimitBytes: number;
  messageMaxChars: number;
  sessionTtlHours: number;
  cookieSecure: boolean;
  loginRateLimitPerMinute: number;
  trustProxy: boolean;
  role: 'web' | 'worker' | 'all';
  email: EmailConfig;
  /** The address customers reach this server at, for links in e-mails (surveys, articles) and drafted replies; unset: http://localhost:PORT. */
  publicUrl: string;
  /** The optional OpenAI-compatible LLM that polishes drafts; null when FRONTLINE_LLM_BASE_URL is unset. */
  llm: LlmConfig | null;
}

export interface LlmConfig {
  /** Up to the version segment, e.g. `http://127.0.0.1:11434/v1`; `/chat/completions` is appended. */
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
  timeoutMs: number;
}

/** Email in and out (docs/email.md). */
export interface EmailConfig {
  /** The built-in SMTP listener; undefined: off. */
  smtpPort: number | undefined;
  smtpHost: string;
  /** SMTP SIZE limit: larger messages are refused at DATA with 552. */
  maxMessageBytes: number;
  /** Outbound relay, e.g. smtp://127.0.0.1:2526; undefined: replies are recorded as failed. */
  smtpUrl: string | undefined;
  /** From address of outbound mail; its domain names our Message-IDs. */
  mailFrom: string;
  replyTo: string | undefined;
  attachmentsDir: string;
  attachmentMaxBytes: number;
  /** Inbound messages per sender per hour before the rest are quarantined. */
  senderRateLimitPerHour: number;
  imap: ImapConfig | undefined;
}

export interface ImapConfig {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  password: string;
  folder: string;
  pollSeconds: number;
}

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  DATABASE_URL: z.string().min(1).default('./data/frontline.db'),
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FRONTLINE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  FRONTLINE_DEMO: bool.default(true),
  FRONTLINE_BODY_LIMIT: int(1024, 100 * 1024 * 1024).default(1024 * 1024),
  FRONTLINE_MESSAGE_MAX_CHARS: int(100, 10_000_000).default(200_000),
  FRONTLINE_SESSION_TTL_HOURS: int(1, 24 * 90).default(24 * 7),
  FRONTLINE_COOKIE_SECURE: bool.default(false),
  FRONTLINE_LOGIN_RATE_LIMIT: int(1, 10_000).default(10),
  FRONTLINE_TRUST_PROXY: bool.default(false),
  FRONTLINE_ROLE: z.enum(['web', 'worker', 'all']).default('all'),
  FRONTLINE_SMTP_PORT: int(0, 65535).optional(),
  FRONTLINE_SMTP_HOST: z.string().min(1).default('0.0.0.0'),
  FRONTLINE_EMAIL_MAX_BYTES: int(1024, 1024 * 1024 * 1024).default(25 * 1024 * 1024),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  FRONTLINE_MAIL_FROM: z.string().min(3).default('Frontline Support <support@frontline.localhost>'),
  FRONTLINE_MAIL_REPLY_TO: z.string().min(3).optional(),
  FRONTLINE_ATTACHMENTS_DIR: z.string().min(1).default('./data/attachments'),
  FRONTLINE_ATTACHMENT_MAX_BYTES: int(1, 1024 * 1024 * 1024).default(10 * 1024 * 1024),
  FRONTLINE_EMAIL_SENDER_RATE_LIMIT: int(1, 1_000_000).default(30),
  FRONTLINE_IMAP_HOST: z.string().min(1).optional(),
  FRONTLINE_IMAP_PORT: int(1, 65535).default(993),
  FRONTLINE_IMAP_TLS: bool.default(true),
  FRONTLINE_IMAP_USER: z.string().min(1).optional(),
  FRONTLINE_IMAP_PASSWORD: z.string().min(1).optional(),
  FRONTLINE_IMAP_FOLDER: z.string().min(1).default('INBOX'),
  FRONTLINE_IMAP_POLL_SECONDS: int(1, 86_400).default(60),
  FRONTLINE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  FRONTLINE_LLM_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  FRONTLINE_LLM_MODEL: z.string().min(1).max(200).optional(),
  FRONTLINE_LLM_API_KEY: z.string().min(1).optional(),
  FRONTLINE_LLM_TIMEOUT_MS: int(100, 600_000).default(8_000),
});

/** Names that may also be given as NAME_FILE, holding the value in a file (for secrets). */
const FILE_VARIABLES = ['FRONTLINE_SECRET', 'DATABASE_URL', 'FRONTLINE_LLM_API_KEY', 'SMTP_URL', 'FRONTLINE_IMAP_PASSWORD'] as const;

export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`Invalid configuration: ${variable} ${reason}`);
  }
}

function resolveFileVariables(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const resolved: Record<string, string | undefined> = { ...env };
  for (const name of FILE_VARIABLES) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name]) throw new ConfigError(`${name}_FILE`, `cannot be set together with ${name}`);
    try {
      resolved[name] = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new ConfigError(`${name}_FILE`, `cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  // Empty strings mean "unset", as most shells and orchestrators write them.
  for (const [key, value] of Object.entries(resolved)) if (value === '') delete resolved[key];
  return resolved;
}

/** Loads the configuration from the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(resolveFileVariables(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue.path[0] ?? 'environment'), `is invalid: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.FRONTLINE_LLM_BASE_URL && !e.FRONTLINE_LLM_MODEL) throw new ConfigError('FRONTLINE_LLM_MODEL', 'must be set when FRONTLINE_LLM_BASE_URL is');
  return {
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    secret: e.FRONTLINE_SECRET,
    demo: e.FRONTLINE_DEMO,
    bodyLimitBytes: e.FRONTLINE_BODY_LIMIT,
    messageMaxChars: e.FRONTLINE_MESSAGE_MAX_CHARS,
    sessionTtlHours: e.FRONTLINE_SESSION_TTL_HOURS,
    cookieSecure: e.FRONTLINE_COOKIE_SECURE,
    loginRateLimitPerMinute: e.FRONTLINE_LOGIN_RATE_LIMIT,
    trustProxy: e.FRONTLINE_TRUST_PROXY,
    role: e.FRONTLINE_ROLE,
    publicUrl: (e.FRONTLINE_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    llm: e.FRONTLINE_LLM_BASE_URL
      ? { baseUrl: e.FRONTLINE_LLM_BASE_URL.replace(/\/+$/, ''), model: e.FRONTLINE_LLM_MODEL!, apiKey: e.FRONTLINE_LLM_API_KEY, timeoutMs: e.FRONTLINE_LLM_TIMEOUT_MS }
      : null,
    email: emailConfig(e),
  };
}

function emailConfig(e: z.infer<typeof envSchema>): EmailConfig {
  if (e.FRONTLINE_IMAP_HOST && (!e.FRONTLINE_IMAP_USER || !e.FRONTLINE_IMAP_PASSWORD)) {
    throw new ConfigError(e.FRONTLINE_IMAP_USER ? 'FRONTLINE_IMAP_PASSWORD' : 'FRONTLINE_IMAP_USER', 'is required when FRONTLINE_IMAP_HOST is set');
  }
  if (!/@[^\s@>]+/.test(e.FRONTLINE_MAIL_FROM)) throw new ConfigError('FRONTLINE_MAIL_FROM', 'is invalid: must contain an email address');
  return {
    smtpPort: e.FRONTLINE_SMTP_PORT,
    smtpHost: e.FRONTLINE_SMTP_HOST,
    maxMessageBytes: e.FRONTLINE_EMAIL_MAX_BYTES,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.FRONTLINE_MAIL_FROM,
    replyTo: e.FRONTLINE_MAIL_REPLY_TO,
    attachmentsDir: e.FRONTLINE_ATTACHMENTS_DIR,
    attachmentMaxBytes: e.FRONTLINE_ATTACHMENT_MAX_BYTES,
    senderRateLimitPerHour: e.FRONTLINE_EMAIL_SENDER_RATE_LIMIT,
    imap: e.FRONTLINE_IMAP_HOST
      ? {
          host: e.FRONTLINE_IMAP_HOST,
          port: e.FRONTLINE_IMAP_PORT,
          tls: e.FRONTLINE_IMAP_TLS,
          user: e.FRONTLINE_IMAP_USER!,
          password: e.FRONTLINE_IMAP_PASSWORD!,
          folder: e.FRONTLINE_IMAP_FOLDER,
          pollSeconds: e.FRONTLINE_IMAP_POLL_SECONDS,
        }
      : undefined,
  };
}
