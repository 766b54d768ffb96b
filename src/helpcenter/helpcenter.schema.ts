import { z } from 'zod';
import { Timestamp } from '../platform/http/schemas.js';

// Theme values end up inside a <style> element: each is held to a narrow pattern so that no
// value can close the rule or the element.
const Color = z
  .string()
  .trim()
  .regex(/^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\([\d\s.,%/]+\)|[a-zA-Z]{3,20})$/, 'must be a CSS colour (#1a73e8, rgb(…), hsl(…) or a name)');

export const ThemeSchema = z
  .object({
    primary: Color.optional().describe('Buttons, links and the header band'),
    primaryText: Color.optional().describe('Text on the primary colour'),
    background: Color.optional(),
    surface: Color.optional().describe('Cards and panels'),
    text: Color.optional(),
    muted: Color.optional().describe('Secondary text'),
    fontFamily: z.string().trim().regex(/^[\w\s,'"-]{1,200}$/, 'must be a font-family list').optional(),
    radius: z.string().trim().regex(/^\d{1,2}(\.\d{1,2})?(px|rem|em)$/, 'must be a length such as 6px').optional(),
  })
  .strict();
export type Theme = z.infer<typeof ThemeSchema>;

const HttpUrl = z
  .string()
  .trim()
  .max(2_000)
  .refine((v) => /^https?:\/\/[^\s"'<>]+$/i.test(v), 'must be an http(s) URL');
const LogoUrl = z
  .string()
  .trim()
  .max(2_000)
  .refine((v) => /^(https?:\/\/|\/)[^\s"'<>]*$/i.test(v), 'must be an http(s) URL or a path starting with /');

export const SettingsSchema = z.object({
  siteName: z.string(),
  logoUrl: z.string().nullable(),
  baseUrl: z.string().nullable().describe('Public origin for canonical links and the sitemap; the request host when null'),
  theme: ThemeSchema,
  version: z.number(),
  updatedAt: Timestamp.nullable(),
});
export type HelpCenterSettings = z.infer<typeof SettingsSchema>;

export const UpdateSettingsBody = z
  .object({
    siteName: z.string().trim().min(1).max(100).optional(),
    logoUrl: LogoUrl.nullable().optional(),
    baseUrl: HttpUrl.transform((v) => v.replace(/\/+$/, '')).nullable().optional(),
    theme: ThemeSchema.optional().describe('Replaces the whole theme; omitted variables take their defaults'),
  })
  .strict();
export type UpdateSettingsInput = z.infer<typeof UpdateSettingsBody>;

/** The fields of the public "still need help?" form (urlencoded). */
export const ContactForm = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email('Enter an email address such as you@example.com')),
  name: z.string().trim().max(200).optional(),
  subject: z.string().trim().min(1, 'Say in a few words what the problem is').max(200),
  message: z.string().trim().min(1, 'Describe the problem').max(20_000),
});
