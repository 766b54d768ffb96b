import type { SubType } from './types.js';

/** Tier 4, general inquiries: capabilities, documentation, billing and account management, usage tips, community. */
export const TIER4: readonly SubType[] = [
  {
    key: 'capabilities',
    tier: 4,
    category: 'product-question',
    group: 'Accounts',
    tags: ['product-question', 'pre-sales', 'plans'],
    weight: 5,
    scenarios: [
      {
        subject: 'Does Tallybook support multiple currencies?',
        body: 'We are considering Tallybook for our agency. Some clients pay in EUR and some in USD. Can one account invoice in several currencies, and how are reports converted?',
        reply: 'Hi {first}, yes: each client can have its own currency, and invoices, payments and reminders use it. Reports show amounts in your base currency at the daily rate of the invoice date. - {agent}',
      },
      {
        subject: 'Is there an on-premise version?',
        body: 'Our IT policy prefers software we can host ourselves. Do you offer an on-premise or private-cloud version of Tallybook?',
        reply: 'Hi {first}, Tallybook is cloud-only, but on Enterprise we offer dedicated hosting in the EU or US region of your choice. I can put you in touch with our sales team if that is of interest. - {agent}',
        followUp: 'Yes, please connect me with sales.',
        resolution: 'Done, {first}: our sales team will contact you this week to talk about dedicated hosting. Marking this solved. - {agent}',
      },
      {
        subject: 'Can clients approve estimates online?',
        body: 'Before we switch: can clients accept or decline an estimate from the client portal, and does an accepted estimate turn into a project automatically?',
        reply: 'Hi {first}, yes to both: clients accept or decline estimates in the portal (with an optional signature), and you can choose to turn accepted estimates into projects automatically under Settings > Estimates. - {agent}',
      },
      {
        subject: 'Which integrations are included in {plan}?',
        body: 'We are on {plan} and would like to connect {integration}. Is that included in our plan, or do we need to upgrade?',
        reply: 'Hi {first}, the {integration} integration is available on every paid plan, including {plan}. You can connect it under Settings > Integrations. - {agent}',
      },
    ],
    replies: ['Hi {first}, thanks for your interest! The short answer is yes; our features page has the details per plan, and I am happy to answer anything it leaves open. - {agent}'],
    followUps: ['Thanks, that answers it.', 'Great, that was the last question before we sign up.'],
    notes: ['Pre-sales question, looped in sales.'],
    resolutions: ['Happy to help, {first}! Marking this solved. - {agent}'],
  },
  {
    key: 'documentation',
    tier: 4,
    category: 'documentation',
    group: 'Technical',
    tags: ['documentation', 'api', 'help-center'],
    weight: 4,
    scenarios: [
      {
        subject: 'API docs unclear on pagination for {endpoint}',
        body: 'The API reference for {endpoint} mentions a "cursor" parameter but not where to get it from. Is it in a header or in the response body? An example would help.',
        reply: 'Hi {first}, good catch. The cursor comes back in the response body as "nextCursor"; pass it as the cursor parameter to get the next page, and stop when it is null. I have asked our docs team to add an example. - {agent}',
      },
      {
        subject: 'Help article on reminders seems outdated',
        body: 'The article "Automatic payment reminders" shows a settings page that looks different from what I see. Is it still valid? The option "Stop after 3 reminders" is not where the article says.',
        reply: 'Hi {first}, thanks for pointing it out: the article predates the new settings layout. The option is now under Settings > Reminders > Schedule. I have reported the article for an update. - {agent}',
      },
      {
        subject: 'What does "billable rate source" mean?',
        body: 'In project settings there is "Billable rate source: person / project / task". The help centre does not explain the difference. Which one wins if several are set?',
        reply: 'Hi {first}, the rate source decides where the hourly rate comes from: the person\'s rate, one rate for the whole project, or a rate per task. Only the chosen source is used, so there is never a conflict. - {agent}',
      },
    ],
    replies: ['Hi {first}, thanks for the feedback on our documentation. I have passed it to the docs team and will let you know when the page is updated. - {agent}'],
    followUps: ['Got it, thanks!', 'Clear now, thanks for explaining.'],
    notes: ['Docs gap: flagged to the docs team.'],
    resolutions: ['Glad that helped, {first}. The documentation will be updated shortly. - {agent}'],
  },
  {
    key: 'billing-account',
    tier: 4,
    category: 'billing',
    group: 'Billing',
    tags: ['billing', 'invoice-copy', 'plan-change', 'seats', 'refund'],
    weight: 8,
    scenarios: [
      {
        subject: 'Need a copy of our invoice with the company address',
        body: 'Could you send our last Tallybook invoice with our full company address and {tax} number on it? Our finance team needs it for bookkeeping. The company is {company}.',
        reply: 'Hi {first}, you can download every Tallybook invoice under Settings > Billing > Invoices. To add your address and {tax} number, fill in "Billing details" on the same page; invoices are regenerated with the new details straight away. - {agent}',
        followUp: 'Thanks. Can you also send it to our accounts payable address?',
      },
      {
        subject: 'Switch from monthly to annual billing',
        body: 'We would like to move our {plan} subscription from monthly to annual billing. How does the proration work, and when would we be charged?',
        reply: 'Hi {first}, happy to help. When you switch to annual billing, the unused part of the current month is credited and the annual amount is charged the same day, with the annual discount applied. You can do it under Settings > Billing > Change plan. - {agent}',
      },
      {
        subject: 'Reduce seats from {seats} to fewer users',
        body: 'Two people left the company. How do I reduce the number of paid seats, and will we get a credit for the rest of the month?',
        reply: 'Hi {first}, remove the users under Team first, then lower the seat count under Settings > Billing. The unused time is credited to your next invoice. - {agent}',
      },
      {
        subject: 'Update the card on file',
        body: 'Our company card changed. Where can I update the payment method before the next renewal? The old one is the {card}.',
        reply: 'Hi {first}, go to Settings > Billing > Payment method and choose "Replace card". The new card is used from the next renewal; nothing is charged when you save it. - {agent}',
      },
      {
        subject: 'Change the account owner',
        body: 'I am leaving {company} at the end of the month. How do I transfer ownership of the Tallybook account to my colleague?',
        reply: 'Hi {first}, make your colleague an admin first, then go to Settings > Account > Owner and choose them. They will get an email to accept; until they do, you stay the owner. - {agent}',
      },
      {
        subject: 'Question about an unexpected charge of {smallMoney}',
        body: 'We see a charge of {smallMoney} from Tallybook on our statement besides the usual subscription. What is it for?',
        reply: 'Hi {first}, that charge is for seats added in the middle of the month: they are billed pro rata on the day they are added. The breakdown is on the invoice under Settings > Billing. - {agent}',
        note: 'Billing contact verified. No refund needed, explained proration.',
      },
    ],
    replies: ['Hi {first}, thanks for getting in touch. I have checked your account and made the change you asked for; you will find the updated details under Settings > Billing. - {agent}'],
    followUps: ['Found it, thanks.', 'Done, thank you for the quick answer!'],
    notes: ['Billing contact verified before answering.'],
    resolutions: ['You are welcome, {first}. Marking this solved. - {agent}', 'Hi {first}, all updated on our side. Have a good day! - {agent}'],
  },
  {
    key: 'usage-tips',
    tier: 4,
    category: 'usage-tips',
    group: 'Technical',
    tags: ['usage-tips', 'shortcuts', 'productivity'],
    weight: 3,
    scenarios: [
      {
        subject: 'Any keyboard shortcuts for logging time?',
        body: 'I log time many times a day. Are there keyboard shortcuts to start and stop the timer or to jump between days?',
        reply: 'Hi {first}, yes: press "t" to start or stop the timer, "n" for a new entry and the arrow keys to move between days. Press "?" anywhere to see the full list. - {agent}',
      },
      {
        subject: 'Quicker way to invoice the same clients every month?',
        body: 'Each month I create the same {count} invoices by copying last month\'s. Is there a faster way?',
        reply: 'Hi {first}, recurring invoices are made for this: set them up once and they are created (and sent, if you like) every month. You can turn an existing invoice into a recurring one from its More menu. - {agent}',
      },
      {
        subject: 'Tips for getting paid faster?',
        body: 'Our average time to payment is around 45 days. Are there features in Tallybook that help clients pay sooner?',
        reply: 'Hi {first}, three things help most: enable online card payment on invoices, turn on automatic reminders, and offer a small early-payment discount. Customers who do all three are paid about twice as fast. - {agent}',
        followUp: 'Great tips, we will try them.',
      },
    ],
    replies: ['Hi {first}, good question! I have sent you our productivity tips article, which covers this and a few other time savers. - {agent}'],
    followUps: ['Oh, that is handy. Thanks!'],
    notes: ['Sent the productivity tips article.'],
    resolutions: ['Glad to help, {first}! - {agent}'],
  },
  {
    key: 'community',
    tier: 4,
    category: 'community',
    group: 'Accounts',
    tags: ['community', 'forum', 'templates'],
    weight: 2,
    scenarios: [
      {
        subject: 'Is there a user forum or community?',
        body: 'Is there a place where Tallybook users share tips and templates? I would like to see how other agencies set up their invoice templates.',
      },
      {
        subject: 'Where can I find invoice template examples from other users?',
        body: 'Someone mentioned a gallery of invoice templates shared by other customers. Where can I find it?',
      },
      {
        subject: 'User meetup in {region}?',
        body: 'Are there any Tallybook user meetups or events in {region}? Our team would like to attend.',
        reply: 'Hi {first}, we run user meetups a few times a year; the next dates are on community.tallybook.app/events. I have also added you to the mailing list for events. - {agent}',
      },
    ],
    replies: ['Hi {first}, yes: our community forum at community.tallybook.app has sections for templates, integrations and workflows, and a gallery where users share invoice templates you can import in one click. - {agent}'],
    followUps: ['Thanks, I joined the forum.'],
    notes: ['Community pointer; no action needed.'],
    resolutions: ['Enjoy the community, {first}! Marking this solved. - {agent}'],
  },
];
