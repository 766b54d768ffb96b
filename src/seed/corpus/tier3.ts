import type { SubType } from './types.js';

/** Tier 3, standard support: how-to, configuration, best practice, training, enhancement ideas. */
export const TIER3: readonly SubType[] = [
  {
    key: 'how-to',
    tier: 3,
    category: 'how-to',
    group: 'Technical',
    tags: ['how-to', 'invoices', 'time-tracking', 'reports'],
    weight: 10,
    scenarios: [
      {
        subject: 'How do I invoice only part of a project?',
        body: 'We agreed with {client} to bill {project} in three milestones. How do I create an invoice for only the first milestone without marking all logged hours as billed?',
        reply: 'Hi {first}, good question! Open the project, go to "Uninvoiced", tick the entries of the milestone you want to bill and choose "Create invoice from selection". Only those entries are marked as billed; the rest stays available for the next invoice. Our guide "Billing in milestones" has screenshots. - {agent}',
      },
      {
        subject: 'How to add a late fee to overdue invoices?',
        body: 'Is there a way to add a late fee automatically when an invoice is more than 30 days overdue? We currently add it by hand, which is error-prone.',
        reply: 'Hi {first}, yes: under Settings > Invoices > Reminders you can add a late-fee rule (a fixed amount or a percentage) that applies after the number of days you choose. It is added as a separate line, so it shows clearly on the reminder. - {agent}',
      },
      {
        subject: 'How can a contractor log time without seeing rates?',
        body: 'We are bringing on a {role} as a contractor. They need to log time on two projects, but must not see our hourly rates or invoices. What is the right way to set this up?',
        reply: 'Hi {first}, you can do that with the "Time only" role: people with it log and edit their own time on the projects you assign, and never see rates, budgets or invoices. Set it under Team > Invite > Role. - {agent}',
      },
      {
        subject: 'Export all time entries for last quarter',
        body: 'Our accountant wants every time entry from last quarter as {fileType}, with client, project, person and billable flag. Where do I find such an export?',
        reply: 'Hi {first}, go to Reports > Time > Detailed, choose the date range, add the columns you need and click Export. If your accountant needs it every quarter, you can also schedule that export to be emailed to them. - {agent}',
      },
      {
        subject: 'How do I credit part of an invoice?',
        body: 'A client disputed two lines on {invoice} ({money} in total). I want to issue a credit note for those lines only and keep the rest of the invoice as it is. How do I do that?',
        reply: 'Hi {first}, open {invoice}, choose More > Create credit note, and untick every line except the two disputed ones. The credit note references the invoice, and the client\'s balance is updated automatically. - {agent}',
        followUp: 'Thanks. One more question: does the credit note get its own number series?',
        resolution: 'Hi {first}, yes, credit notes have their own number series, which you can set under Settings > Invoices > Numbering. I will mark this solved, but feel free to reply with any other questions. - {agent}',
      },
      {
        subject: 'Can I send invoices in {language}?',
        body: 'We have a new client who wants invoices in {language}. Can I set the language per client, or only for the whole account?',
        reply: 'Hi {first}, you can set it per client: open the client, choose Edit > Invoice language and pick {language}. Invoices, reminders and the client portal then use that language for this client only. - {agent}',
      },
    ],
    replies: [
      'Hi {first}, good question! Our help centre has a step-by-step article on exactly this, with screenshots; I have linked it below. If anything in it does not match what you see, tell me and I will walk you through it. - {agent}',
    ],
    followUps: ['Perfect, that is exactly what I needed. Thanks!', 'Found it, thank you. Can the same thing be done in bulk for several clients?'],
    notes: ['Pointed to the help article; candidate for a macro, we get this question weekly.', 'Customer is on {plan}; the feature they need is available on their plan.'],
    resolutions: [
      'You are welcome, {first}! Marking this solved; just reply if anything else comes up. - {agent}',
      'Hi {first}, glad that helped. Yes, it works for several clients at once from the list view (tick them, then use the Actions menu). Marking this solved. - {agent}',
    ],
  },
  {
    key: 'configuration',
    tier: 3,
    category: 'configuration',
    group: 'Technical',
    tags: ['configuration', 'tax', 'email-domain', 'permissions', 'sso'],
    weight: 7,
    scenarios: [
      {
        subject: 'Set up {tax} rates for clients in different countries',
        body: 'We invoice clients in the UK, Germany and the US. What is the correct way to configure {tax} so that each client automatically gets the right rate and reverse-charge text?',
        reply: 'Hi {first}, under Settings > Taxes create one rate per country, then set the default tax on each client (Clients > Edit > Tax). For EU business clients, tick "Reverse charge" and the legal note is added automatically. - {agent}',
        followUp: 'That worked for Germany. For the US, do we need a rate per state?',
        resolution: 'Hi {first}, for the US you can create one rate per state where you are registered, or use the automatic sales tax add-on. Glad the rest works. Marking this solved. - {agent}',
      },
      {
        subject: 'Send invoices from our own email domain',
        body: 'Invoices currently come from no-reply@tallybook.app, and some clients\' spam filters catch them. Can we send from an address at our own domain? What DNS records do we need?',
        reply: 'Hi {first}, yes. Go to Settings > Email > Sending domain, enter your domain, and add the three DNS records shown there (one SPF include and two DKIM CNAMEs). Verification usually completes within an hour; after that invoices are sent from your address. - {agent}',
        followUp: 'DNS records added. The page says "Pending verification" - how long should that take?',
        note: 'DNS checked with dig: DKIM CNAMEs present, SPF include missing. Told the customer.',
        resolution: 'Hi {first}, I checked and your domain is verified now; invoices go out from your own address from today. - {agent}',
      },
      {
        subject: 'Configure SSO with {idp}',
        body: 'We would like to switch our {seats} users to single sign-on with {idp}. Which values do we need to enter on the {idp} side, and can we keep password login for one emergency admin?',
        reply: 'Hi {first}, happy to help. In {idp} create a SAML app with the ACS URL and entity id from Settings > Security > SSO, then upload its metadata file there. You can mark one admin as "Allow password login" as a break-glass account. - {agent}',
        followUp: 'Set up and tested with two users, works nicely. Thanks!',
        note: 'Shared the SSO setup guide. If they need SCIM provisioning, that is Enterprise only.',
      },
      {
        subject: 'Change the fiscal year start for reports',
        body: 'Our fiscal year starts in April, but all reports assume January. Where can I change this so that the "{report}" report matches our financial year?',
        reply: 'Hi {first}, go to Settings > Company > Fiscal year and choose April. Every report with a "This fiscal year" range, including {report}, follows it from then on. - {agent}',
      },
      {
        subject: 'Approval workflow for expenses over {smallMoney}',
        body: 'We want expenses above a threshold to need a second approval from finance, while small ones are approved by the project manager only. Is that possible with approval workflows?',
        reply: 'Hi {first}, yes: in Settings > Approvals > Expenses add a second step "Finance" with the condition "Amount greater than" and your threshold. Smaller expenses stop after the project manager\'s approval. - {agent}',
      },
    ],
    replies: ['Hi {first}, happy to help with the setup. I have sent you the configuration guide for this; the relevant part is the second section. Let me know if any step does not match what you see. - {agent}'],
    followUps: ['Thanks, that worked.', 'Done. Is there a way to test it before our clients see it?'],
    notes: ['Configuration question; no bug. Sent the guide.'],
    resolutions: ['Glad it is set up, {first}. Marking this solved. - {agent}'],
  },
  {
    key: 'best-practice',
    tier: 3,
    category: 'best-practice',
    group: 'Technical',
    tags: ['best-practice', 'workflow', 'project-setup'],
    weight: 4,
    scenarios: [
      {
        subject: 'Best way to structure projects for retainer clients?',
        body: 'We have {count} clients on monthly retainers with a fixed number of hours. Should we create one project per month, or one project per client with a budget that resets? What do other agencies do?',
        reply: 'Hi {first}, most agencies we work with use one project per client with a monthly recurring budget: hours reset on the 1st, and the budget report shows over- and under-use over time. One project per month makes reporting across months harder. - {agent}',
        followUp: 'That makes sense, we will switch to the recurring budget. Is there a way to carry over unused hours?',
        resolution: 'Hi {first}, yes: tick "Roll over unused hours" in the budget settings and unused hours are carried into the next month. Hope the new setup works well for you! - {agent}',
        note: 'Good candidate for a KB article on retainer setups; several agencies asked this month.',
      },
      {
        subject: 'Recommended setup for tracking non-billable time',
        body: 'Management wants to see how much time goes into internal work (sales, admin, training) without it showing up on client reports. What is the recommended way to set this up?',
        reply: 'Hi {first}, we recommend one internal client (your own company) with a project per kind of internal work, all marked non-billable. Client reports then exclude them automatically, and the utilisation report shows billable and non-billable time per person. - {agent}',
      },
      {
        subject: 'How should we organise approvals with {count} team leads?',
        body: 'We are growing to {seats} people with several team leads. What is the best way to organise timesheet approvals so that each lead approves their own team, and finance still has an overview?',
        reply: 'Hi {first}, create one team per lead under Team > Teams and make the lead its approver; finance gets the "Approvals overview" permission to see every team\'s status in one place. - {agent}',
      },
      {
        subject: 'Advice on cleaning up old clients and projects',
        body: 'After five years we have hundreds of old clients and projects cluttering the lists. Should we archive or delete them? We still need the old invoices for audits.',
        reply: 'Hi {first}, archive rather than delete: archived clients and projects disappear from lists and pickers but keep their invoices and time for reports and audits. You can archive in bulk from the client list. - {agent}',
        followUp: 'Great advice, thanks. We archived {many} old projects and the lists are much cleaner.',
      },
    ],
    replies: ['Hi {first}, good question. What works best for most teams of your size is to keep the setup simple at first and refine it after a month of real use. I have linked our best-practice guide, which has three example setups. - {agent}'],
    followUps: ['Thanks, that is helpful. We will try it this month.'],
    notes: ['Shared the best-practice guide.'],
    resolutions: ['Glad to hear it, {first}! Marking this solved. - {agent}'],
  },
  {
    key: 'training',
    tier: 3,
    category: 'training',
    group: 'Accounts',
    tags: ['training', 'onboarding', 'webinar'],
    weight: 3,
    scenarios: [
      {
        subject: 'Training session for our new {role}s',
        body: 'We have {count} new {role}s starting next month. Do you offer a live training session on time tracking and approvals? Ideally one hour, online, in the morning European time.',
      },
      {
        subject: 'Onboarding help after moving from spreadsheets',
        body: 'We are moving {seats} people from spreadsheets to Tallybook. Is there an onboarding programme, or someone who can walk our admin through the initial setup?',
      },
      {
        subject: 'Recorded webinar on invoicing features?',
        body: 'I missed last week\'s webinar on invoicing and reminders. Is there a recording? I would also like to share it with our bookkeeper.',
        reply: 'Hi {first}, yes, the recording is in the Academy under "Invoicing masterclass". You can share that link with your bookkeeper; no account is needed to watch it. - {agent}',
        followUp: 'Got the recording, thanks a lot!',
        resolution: 'Enjoy the masterclass, {first}! Marking this solved. - {agent}',
      },
    ],
    replies: ['Hi {first}, absolutely. Our customer success team runs free live sessions for teams on {plan}; I have asked them to propose dates for your group. You will get an invitation by email this week. - {agent}'],
    followUps: ['Thank you, the Thursday slot works for us.'],
    notes: ['Passed to customer success for a session; the customer is expanding, possible upsell.'],
    resolutions: ['Hi {first}, the session is booked and the invitation sent. Enjoy the training! - {agent}'],
  },
  {
    key: 'enhancement',
    tier: 3,
    category: 'feature-request',
    group: 'Technical',
    tags: ['feature-request', 'reports', 'mobile', 'api'],
    weight: 5,
    scenarios: [
      {
        subject: 'Feature request: bulk edit time entries',
        body: 'It would save us a lot of time if we could select many time entries and change the project or the billable flag at once. Right now I edit them one by one at every month end.',
      },
      {
        subject: 'Suggestion: custom fields on invoices',
        body: 'Several of our clients require a purchase order number and a cost centre on each invoice. Could you add custom fields to invoices that also print on the PDF?',
      },
      {
        subject: 'Please add dark mode to the mobile app',
        body: 'Our technicians often log time at night on site and the bright screen is a pain. Dark mode in the {mobile} would be really welcome.',
      },
      {
        subject: 'Idea: weekly summary email for project managers',
        body: 'A weekly email with hours logged vs. budget for each project they manage would help our project managers a lot. Is something like that planned?',
      },
    ],
    replies: [
      'Hi {first}, thanks for the suggestion! I have added it to our product board with your use case. I cannot promise a date, but requests with clear examples like yours really help the product team prioritise. - {agent}',
      'Hi {first}, good news: this is on our roadmap for the next quarter. I have linked your ticket to the feature so you will be notified when it ships. - {agent}',
    ],
    followUps: ['Thanks, looking forward to it.', 'Great! Happy to test a beta if that helps.'],
    notes: ['Logged on the product board; {count} other customers asked for the same.'],
    resolutions: ['Hi {first}, I have recorded your request with the product team, so I am closing this ticket for now. You will be notified when it ships. - {agent}'],
  },
];
