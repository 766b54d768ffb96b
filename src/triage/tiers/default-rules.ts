/**
 * The shipped tier rules: PRODUCT.md's four-tier matrix, one entry per sub-type, with the words
 * customers use for it. Phrases match whole words of the normalised text (lower case, accents and
 * apostrophes dropped, punctuation as spaces: "can't" is `cant`); `*` ends a prefix. Patterns are
 * regular expressions on that same text, for cues that need two parts (a scope and a failure).
 * Weights make the graver tier win when a ticket matches several sub-types ("how do I get my
 * money back, I was charged twice" is a payment failure, not a how-to question).
 */
import type { TriageSettings } from './tiers.schema.js';
import { LearningSettingsSchema, SignalSettingsSchema, type SubtypeRule } from './tiers.schema.js';

const FAILURE = '(fail\\w*|error\\w*|broken|stopped|not (working|posting|syncing|updating|loading|connecting)|disconnect\\w*|invalid|could not|cant|cannot|unable|expired)';
const EVERYONE = '(nobody|no one|none of (us|our \\w+)|all (of )?(our |the |my )?(users|agents|customers|staff|stores|storefronts|accounts|colleagues)|every(one| single| user| agent| customer)|whole (team|company|org\\w*|floor)|entire (team|company|org\\w*)|for all|all of us|dozens|hundreds)';

const TIER1: SubtypeRule[] = [
  {
    id: 'outage',
    tier: 1,
    title: 'Outage hitting many customers or a core function',
    weight: 3,
    phrases: ['outage', 'service unavailable', '503', '502', 'bad gateway', 'status page', 'ongoing incident', 'is down', 'are down', 'went down', 'site down', 'completely down', 'down for', 'unreachable', 'connection refused', 'internal server error', 'crashes on launch', 'nobody can work', 'cant reach the'],
    patterns: [`^(?=.*\\b${EVERYONE}\\b)(?=.*\\b(${FAILURE.slice(1, -1)}|blank|down|crash\\w*|time[sd]? out|unavailable|blocked|idle)\\b)`],
  },
  {
    id: 'security_incident',
    tier: 1,
    title: 'Security incident',
    weight: 3,
    phrases: ['breach', 'hacked', 'compromised', 'unauthorized', 'unauthorised', 'suspicious', 'phishing', 'malware', 'ransomware', 'virus', 'vulnerability', 'xss', 'cross site scripting', 'sql injection', 'leaked', 'exposed', 'stolen', 'wasnt me', 'not me', 'account takeover', 'security incident', 'security researcher', 'someone logged', 'someone is trying', 'someone accessed', 'none of us created', 'didnt request', 'did not request'],
    patterns: ['\\b(login|logins|logged in|sign in|signed in)\\b.{0,60}\\b(from|in) (an? )?(unknown|strange|foreign|another|moscow|russia|china)\\b', '\\b(see|seeing|visible|shows?)\\b.{0,60}\\b(another|other) (company|customer s|tenant|organi[sz]ation)'],
  },
  {
    id: 'data_loss',
    tier: 1,
    title: 'Data loss or corruption',
    weight: 3,
    phrases: ['data loss', 'lost all', 'lost our', 'we lost', 'have lost', 'weve lost', 'disappeared', 'vanished', 'are gone', 'is gone', 'all gone', 'wiped', 'corrupt*', 'garbled', 'overwrit*', 'restore', 'restored', 'backup', 'bulk deleted', 'deleted by mistake', 'accidentally deleted', 'were deleted', 'been deleted', 'file not found', 'random characters'],
    patterns: ['\\b(all|every|half|entire|whole)\\b.{0,50}\\b(missing|gone|empty|deleted|disappeared|zeros?)\\b'],
  },
  {
    id: 'payment_failure',
    tier: 1,
    title: 'Payment processing failure',
    weight: 3,
    phrases: ['charged twice', 'double charged', 'double charge', 'charged again', 'duplicate charge', 'overcharged', 'wrong amount', 'payment failed', 'payments failing', 'payment failing', 'card declined', 'declined', 'processing error', 'transaction failed', 'debited', 'money taken', 'where is my money', 'payout', 'marked unpaid', 'unpaid', 'overdue'],
    patterns: [
      '\\bcharged\\b.{0,60}\\b(after|twice|again|instead|wrong|cancel\\w*)\\b',
      '\\b(payment|payments|checkout|transaction|renewal)s?\\b.{0,40}\\b(fail\\w*|declin\\w*|error\\w*|not (go|going|went) through)',
      '\\brefund\\w*\\b.{0,60}\\b(never|still|not|hasnt|didnt)\\b',
    ],
  },
  {
    id: 'compliance_violation',
    tier: 1,
    title: 'Compliance violation',
    weight: 3,
    phrases: ['gdpr', 'hipaa', 'pci', 'sox', 'ccpa', 'dpa', 'data processing agreement', 'data residency', 'data protection', 'right to be forgotten', 'right of access', 'subject access', 'dsar', 'regulator', 'regulatory', 'compliance', 'non compliant', 'violation', 'violates', 'legal deadline', 'legally required', 'consent', 'unsubscribed', 'can spam', 'iso 27001', 'soc 2', 'auditors', 'data retention', 'retention', 'encryption at rest'],
    patterns: [],
  },
];

const TIER2: SubtypeRule[] = [
  {
    id: 'feature_failure',
    tier: 2,
    title: 'A feature failing in the customer workflow',
    weight: 2,
    phrases: ['doesnt work', 'does nothing', 'not working', 'stopped working', 'broken', 'error', 'errors', 'errors out', 'fails', 'failed', 'failing', 'something went wrong', '404', 'page not found', 'wont save', 'not saving', 'is lost', 'bug', 'glitch', 'not firing', 'stopped firing', 'not triggering', 'hasnt triggered', 'nothing is sent', 'not sent', 'disappeared', 'doesnt send', 'crash*', 'no longer'],
    patterns: ['\\b(nothing|none) (happens|downloads|is sent|gets sent)\\b', '\\bdont change like\\b'],
  },
  {
    id: 'performance_degradation',
    tier: 2,
    title: 'Performance degradation',
    weight: 2.2,
    phrases: ['slow', 'slowly', 'slower', 'sluggish', 'takes forever', 'taking forever', 'timing out', 'times out', 'timeout', 'timed out', 'latency', 'lag', 'laggy', 'delay', 'takes ages', 'ages', 'unresponsive', 'crawl', 'performance', 'hangs', 'freez*', 'memory'],
    patterns: ['\\btak(e|es|ing)\\b.{0,25}\\b(\\d+|several|a few|many|almost a|around \\w+) (seconds|minutes|min|hours)\\b'],
  },
  {
    id: 'integration_broken',
    tier: 2,
    title: 'Broken integration with a third party',
    weight: 2.3,
    phrases: ['connector', 'integration', 'webhook*', 'zapier', 'salesforce', 'hubspot', 'shopify', 'okta', 'saml'],
    patterns: [`^(?=.*\\b(integration|connector|webhooks?|slack|salesforce|jira|shopify|zapier|hubspot|microsoft teams|teams app|okta|saml|oauth|calendar|app)\\b)(?=.*\\b${FAILURE}\\b)`],
  },
  {
    id: 'account_lockout',
    tier: 2,
    title: 'Customer locked out of their account',
    weight: 2.4,
    phrases: ['locked out', 'account is locked', 'account locked', 'cant log in', 'cannot log in', 'cant login', 'unable to log in', 'unable to log into', 'cant sign in', 'cannot sign in', 'cant access my account', 'cant get in', 'cant get into', 'password reset', 'reset my password', '2fa', 'two factor', 'authenticator', 'verification code', 'too many attempts', 'invalid credentials', 'deactivated', 'user not found', 'regain access', 'get back in', 'login screen', 'redirect loop', 'stay logged in'],
    patterns: [],
  },
  {
    id: 'sync_failure',
    tier: 2,
    title: 'Data synchronisation failure',
    weight: 2.1,
    phrases: ['sync', 'syncing', 'synced', 'syncs', 'synchronis*', 'synchroniz*', 'out of sync', 'stuck', 'not fetching', 'stopped fetching', 'not threading', 'not updating', 'out of date', 'lag behind', 'mismatch', 'no longer match', 'dont match', 'not reflected', 'still shows', 'still see the old', 'still sees the old', 'isnt syncing', 'sync back'],
    patterns: ['\\bhavent appeared\\b', '\\bnot (imported|pulled in|coming through)\\b'],
  },
];

const TIER3: SubtypeRule[] = [
  {
    id: 'how_to',
    tier: 3,
    title: 'How-to and usage question',
    weight: 1.5,
    phrases: ['how do i', 'how can i', 'how to', 'how do we', 'whats the way', 'where do i', 'where can i find', 'walk me through', 'what are the steps', 'steps to', 'is there a way', 'easiest way', 'how does one', 'way to'],
    patterns: [],
  },
  {
    id: 'configuration',
    tier: 3,
    title: 'Configuration help',
    weight: 1.6,
    phrases: ['configure', 'configured', 'configuration', 'set up', 'settings', 'setting', 'dns', 'spf', 'dkim', 'custom domain', 'business hours', 'sla polic*', 'routing rules', 'routing', 'permissions', 'default language', 'locale', 'signature', 'custom field*', 'auto close', 'option', 'dropdown field'],
    patterns: [],
  },
  {
    id: 'best_practice',
    tier: 3,
    title: 'Best-practice advice',
    weight: 1.7,
    phrases: ['best practice*', 'best way', 'recommend*', 'advice', 'guidance', 'successful teams', 'other teams', 'rule of thumb', 'convention*', 'right approach', 'proven', 'good practices', 'how should we', 'usually use', 'strategy', 'companies like ours'],
    patterns: [],
  },
  {
    id: 'training_request',
    tier: 3,
    title: 'Training request',
    weight: 1.8,
    phrases: ['training', 'webinar', 'workshop', 'onboarding', 'walkthrough', 'demo', 'session', 'course', 'certification', 'certified', 'tutorial*', 'learning path', 'teach', 'show us how'],
    patterns: [],
  },
  {
    id: 'enhancement_request',
    tier: 3,
    title: 'Enhancement suggestion',
    weight: 1.8,
    phrases: ['feature request', 'would be great if', 'would be nice if', 'would help a lot', 'would love', 'wed love', 'please add', 'could you add', 'would you add', 'would you consider', 'please consider', 'any plans to', 'roadmap', 'suggestion', 'wish', 'wishlist', 'idea', 'proposal', 'future release', 'future version', 'any chance', 'ability to', 'could be added', 'support conditional'],
    patterns: [],
  },
];

const TIER4: SubtypeRule[] = [
  {
    id: 'product_capabilities',
    tier: 4,
    title: 'What the product can do',
    weight: 1.3,
    phrases: ['do you support', 'does it support', 'does your product', 'does the platform', 'is it possible', 'is that possible', 'can your system', 'can it', 'is there a limit', 'available in', 'which languages', 'before we sign up', 'comparing', 'evaluating', 'trial', 'on premise', 'self hosted', 'whats included', 'capabilit*', 'offer any', 'is there an android', 'is there an app'],
    patterns: [],
  },
  {
    id: 'documentation',
    tier: 4,
    title: 'Documentation clarification',
    weight: 1.4,
    phrases: ['documentation', 'docs', 'help article', 'article', 'outdated', 'typo', 'broken link', 'manual', 'release notes', 'changelog', 'api reference', 'reference', 'clarify', 'clarification', 'unclear', 'contradicts'],
    patterns: [],
  },
  {
    id: 'billing_account',
    tier: 4,
    title: 'Billing and account management',
    weight: 1.4,
    phrases: ['invoice', 'invoices', 'billing', 'billing address', 'plan', 'upgrade', 'downgrade', 'pricing', 'price', 'cost', 'seats', 'licence*', 'license*', 'vat', 'tax', 'card on file', 'new card', 'card details', 'annual', 'yearly', 'renewal', 'account owner', 'ownership', 'subscription', 'discount', 'prorated', 'quote'],
    patterns: [],
  },
  {
    id: 'usage_tips',
    tier: 4,
    title: 'Usage tips',
    weight: 1.3,
    phrases: ['tips', 'tip', 'tricks', 'trick', 'quicker way', 'faster way', 'handy', 'hidden features', 'productivity', 'hacks', 'pointers', 'quality of life', 'get more out of', 'just wondering', 'curious', 'neat way', 'suggestions for'],
    patterns: [],
  },
  {
    id: 'community_resources',
    tier: 4,
    title: 'Pointers to community resources',
    weight: 1.5,
    phrases: ['community', 'forum', 'user group', 'meetup*', 'conference', 'discord', 'other users', 'other customers', 'newsletter', 'blog', 'case stud*', 'customer stories', 'advisory board', 'beta program', 'beta group', 'template library', 'github discussion*', 'contribute', 'contribution*'],
    patterns: [],
  },
];

/** The settings a fresh install runs with (version 0 until an admin saves their own). */
export const DEFAULT_TRIAGE_SETTINGS: TriageSettings = {
  defaultTier: 3,
  subtypes: [...TIER1, ...TIER2, ...TIER3, ...TIER4],
  signals: SignalSettingsSchema.parse({}),
  learning: LearningSettingsSchema.parse({}),
};
