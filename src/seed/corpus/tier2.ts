import type { SubType } from './types.js';

/** Tier 2, high customer impact: workflow failures, performance, integrations, lockouts, sync failures. */
export const TIER2: readonly SubType[] = [
  {
    key: 'workflow-failure',
    tier: 2,
    category: 'bug',
    group: 'Technical',
    tags: ['bug', 'invoices', 'approvals', 'pdf', 'timesheets'],
    weight: 7,
    scenarios: [
      {
        subject: 'Cannot approve timesheets - button does nothing',
        body: 'When I click "Approve" on a submitted timesheet nothing happens. The browser console shows "TypeError: Cannot read properties of undefined (reading \'id\')". This happens for every timesheet of the week, in {browser} on {os}. Our {role}s are waiting for approval before payroll.',
        reply: 'Hi {first}, thanks for the clear description and the console error, that saves us a lot of time. I could reproduce it and have filed it with our engineers as a bug in the current release. As a workaround, approving from the timesheet list (tick the rows, then "Approve selected") works. - {agent}',
        followUp: 'The workaround works, thanks. Please let me know when the real fix is live.',
      },
      {
        subject: 'Invoice PDF export fails with "Rendering error"',
        body: 'Downloading any invoice as PDF gives "Rendering error, please try again" since {weekday}. Invoices without a logo work, so maybe it is our logo (a 2 MB PNG)? We send invoices as PDF attachments to {client} and others, so we are stuck.',
        reply: 'Hello {first}, sorry about this. Our engineers confirmed a regression with large logo images in Tuesday\'s release and a fix is being tested. Meanwhile, uploading the logo as a smaller PNG (under 500 KB) avoids the problem. I will let you know as soon as the fix is out. - {agent}',
      },
      {
        subject: 'Recurring invoices not generated this month',
        body: 'Our {count} monthly recurring invoices were not created on the 1st as usual. The schedule still says "Next run: 1st of the month" and nothing changed on our side. We had to create them manually, which took hours. Can you check why the run was skipped?',
        resolution: 'Hi {first}, our engineers found why the run was skipped (a time-zone edge case on the 1st) and fixed it. Next month\'s invoices will be generated as usual, and I have checked that your schedule is intact. - {agent}',
      },
      {
        subject: 'Expense approval stuck in "Pending" after approver left',
        body: 'Expense reports submitted by our team are stuck in "Pending approval" because the approver was deactivated. I changed the approver in the workflow, but existing reports still wait for the old person and I cannot reassign them. {count} reports worth {money} in total.',
        reply: 'Hi {first}, thank you. Reports keep the approver they were submitted with, which is why changing the workflow did not move them. I have asked engineering to reassign the waiting reports to the new approver for you, and filed the behaviour as a bug. - {agent}',
      },
      {
        subject: 'Discount line breaks the invoice total',
        body: 'If I add a percentage discount line to an invoice with {tax}, the total becomes negative. Example: {invoice}, subtotal {money}, discount 10% - the total shows a negative amount. Without the discount it is fine. Our clients get confused by the preview.',
      },
      {
        subject: 'Timer keeps stopping after a few minutes',
        body: 'The running timer in time tracking stops by itself after about {minutes} minutes and the entry is saved with the wrong duration. It happens to several people on {browser}. We bill by the hour, so this costs us money every day.',
        followUp: 'It happens in both normal and private windows, and for everyone in the team.',
      },
    ],
    replies: [
      'Hi {first}, thank you for the example. I can reproduce the problem on my side as well and have escalated it to the product team as a bug. I will let you know as soon as there is a fix or a workaround. - {agent}',
      'Hello {first}, sorry about this. I have passed it to our engineers with your example. Could you tell me roughly when it started, and whether it happens for every user or only some? - {agent}',
    ],
    followUps: ['It started on {weekday} and happens for everyone in the team.', 'Still happening after the update this morning. Is there any news?'],
    notes: [
      'Reproduced on staging. Bug filed with engineering, customer told about the workaround.',
      'Same stack trace as two other tickets this week - likely the release from {weekday}. Linked them.',
      'Fix merged, deploying with the next release train tomorrow morning.',
    ],
    resolutions: [
      'Hi {first}, the fix for this has been released. I tested it with your example and it now works as expected. Thank you for your patience and for reporting it so precisely. - {agent}',
      'Hi {first}, good news: our engineers found and fixed the cause, and anything it affected on your account has been corrected. Please check and let me know if something still looks wrong. - {agent}',
    ],
  },
  {
    key: 'performance',
    tier: 2,
    category: 'performance',
    group: 'Platform',
    tags: ['performance', 'slow', 'reports', 'timeouts'],
    weight: 4,
    scenarios: [
      {
        subject: 'Reports take over {seconds} seconds to load',
        body: 'The "{report}" report used to load in a couple of seconds. Since last week it takes {seconds} seconds or more and sometimes times out. We have about {many} invoices, nothing unusual. It is slow for all users in {region}.',
        note: 'Slow query on the receivables aggregation for large workspaces - missing index after the schema change. Engineering is adding it tonight.',
        resolution: 'Hi {first}, we added a database index and reworked the query behind that report; it now loads in under two seconds for your workspace. Thanks for flagging it. - {agent}',
      },
      {
        subject: 'Everything very slow this afternoon',
        body: 'Since around {time} UTC every page in Tallybook takes 10+ seconds: opening a client, saving a time entry, even the search box. Our internet is fine (other sites are fast). Is there a performance problem on your side?',
        reply: 'Hi {first}, we saw a spike in database load in {region} this afternoon and our engineers are adding capacity now. Pages should speed up within the next half hour. I will confirm once it is stable. - {agent}',
      },
      {
        subject: 'Mobile app freezes when opening projects',
        body: 'The {mobile} freezes for 20-30 seconds whenever I open the projects list, then sometimes crashes. We have {count} active projects. It started after the last update. Reinstalling did not help.',
        resolution: 'Hi {first}, the app update released today loads the projects list page by page instead of all at once, which removes the freeze. Please update from the app store and let me know how it goes. - {agent}',
      },
      {
        subject: 'API latency jumped from 200 ms to {seconds} s',
        body: 'Our monitoring shows the median latency of {endpoint} went from about 200 ms to {seconds} s since {weekday}. Our sync job now takes {hours} hours instead of 20 minutes. Nothing changed in our code. Request id of a slow call: {requestId}.',
      },
    ],
    replies: [
      'Hi {first}, thanks for the numbers, they help. I can see the slower response times for your account in our monitoring and have asked the performance team to find the cause. I will come back to you with what we find. - {agent}',
      'Hello {first}, thank you for reporting this. Our engineers are investigating the slowdown now; nothing is lost, it only takes longer. I will update you as soon as we know more. - {agent}',
    ],
    followUps: ['Much better this morning, pages load in a second or two. Thanks!', 'Still slow for us, about the same as yesterday. Anything we can do on our side?'],
    notes: ['APM shows p95 up 8x for this workspace since the data import on {weekday}. Asked the DB team to analyse.', 'Linked to the capacity incident in {region}.'],
    resolutions: ['Hi {first}, performance is back to normal and response times have been stable for 24 hours. Marking this solved. - {agent}'],
  },
  {
    key: 'integration',
    tier: 2,
    category: 'integrations',
    group: 'Technical',
    tags: ['integrations', 'quickbooks', 'xero', 'salesforce', 'slack', 'zapier', 'webhooks'],
    weight: 6,
    scenarios: [
      {
        subject: '{accounting} integration disconnected - "invalid_grant"',
        body: 'Our {accounting} connection shows "Disconnected: invalid_grant" and reconnecting loops back to the settings page without connecting. Invoices since {weekday} have not been pushed to our books, around {count} of them. Our bookkeeper closes the month on Friday.',
        reply: 'Hi {first}, thanks for reporting it. {accounting} revoked the connection token after their recent security update, which is why reconnecting loops. I have cleared the old token on our side; please try connecting again now, and the invoices waiting since {weekday} will be pushed automatically. - {agent}',
        followUp: 'Reconnected fine this time, and I can see the invoices arriving in {accounting}. Thank you!',
      },
      {
        subject: 'Webhooks stopped firing for {webhookEvent}',
        body: 'We have a webhook for {webhookEvent} pointing to our ERP. It stopped receiving calls on {weekday} at about {time} UTC. The endpoint is up (we tested it with curl) and the webhook log in Tallybook shows no deliveries at all, not even failures.',
        note: 'Webhook dispatcher disabled this endpoint after 3 timeouts and never re-enabled it. Re-enabled manually; filed a bug so it retries with backoff.',
      },
      {
        subject: '{crm} deals no longer create projects',
        body: 'Our {crm} integration is supposed to create a Tallybook project when a deal is marked Won. Since the weekend, {count} won deals did not create anything. The integration page says "Connected" and the last sync was {minutes} minutes ago.',
        followUp: 'No permission changes that I know of. Our admin says the connected user is still an admin in {crm}.',
      },
      {
        subject: 'Zapier zap fails with {apiError}',
        body: 'Our Zap that creates clients from new Typeform entries fails at the Tallybook step with "{apiError}". It worked for a year. I reconnected the Tallybook account in Zapier but the error stays. Task history id {requestId}.',
      },
      {
        subject: 'Slack notifications arrive in the wrong channel',
        body: 'After reconnecting Slack, all "invoice paid" notifications go to #general instead of #finance. The channel setting in Tallybook still says #finance. Clients\' payment amounts are now visible to the whole company, which we do not want.',
        reply: 'Hi {first}, sorry about that. Reconnecting Slack reset the channel mapping on Slack\'s side even though our settings page still shows #finance. I have switched the notifications off for now so nothing more goes to #general; please pick #finance again under Settings > Integrations > Slack. - {agent}',
      },
    ],
    replies: [
      'Hi {first}, I checked the integration logs and can see the calls failing on our side. I have escalated it to the integrations team with your example. Nothing is lost in the meantime: we keep failed events and will replay them once fixed. - {agent}',
      'Hello {first}, thank you. I have reproduced the issue and passed it to our integrations engineers. Could you tell me whether you changed any permissions in {integration} recently? That would help narrow it down. - {agent}',
    ],
    followUps: ['Still failing. I tried again after clearing cookies, same error.', 'Thanks for looking into it. Let me know if you need a test record from our side.'],
    notes: ['Known issue with the provider\'s token refresh since their API change. Fix in review; affected customers get a manual reset.', 'Replayed {count} queued events for this workspace after the fix.'],
    resolutions: [
      'Hi {first}, the integration fix is live and we replayed every event that was missed, so your data should now be complete on both sides. Please check a couple of recent records to confirm. - {agent}',
      'Hi {first}, everything is connected again and syncing. We also made the connection recover by itself in this situation from now on. Marking this solved. - {agent}',
    ],
  },
  {
    key: 'lockout',
    tier: 2,
    category: 'account-access',
    group: 'Accounts',
    tags: ['account-access', 'password-reset', '2fa', 'sso'],
    weight: 5,
    scenarios: [
      {
        subject: 'Locked out after losing my phone (2FA)',
        body: 'I lost my phone with the authenticator app and cannot log in to {workspace}. I am the only admin on our account, so nobody can reset my 2FA. I can still read my work email, but I did not save the backup codes. What do you need from me to verify my identity?',
        reply: 'Hi {first}, I am sorry you are locked out. To protect your account we need to verify your identity before we reset two-factor authentication: please reply from the email address on the account and tell us the amount and number of the last invoice you sent. Once confirmed, I will reset it within the hour. - {agent}',
        followUp: 'The last invoice was {invoice} for {money}, sent on {weekday}.',
        note: 'Identity verified against the last invoice and the billing contact. 2FA reset done.',
        resolution: 'Hi {first}, your access is restored. Please set up two-factor authentication again and store the backup codes somewhere safe, for example in your password manager. - {agent}',
      },
      {
        subject: 'Password reset email never arrives',
        body: 'I have requested a password reset {count} times today but the email never arrives, not in spam either. Other emails from Tallybook (invoice copies) do arrive. I need to send invoices today.',
        reply: 'Hi {first}, I checked our mail logs: your reset emails were rejected by your mail server with "550 blocked by policy". Please ask your IT team to allow mail from tallybook.app; I have sent you a one-time sign-in link from a different address in the meantime. - {agent}',
        followUp: 'IT has added the allow rule. The link worked, I am in. Thanks!',
      },
      {
        subject: 'SSO login fails with "SAML response not valid"',
        body: 'Since this morning nobody can sign in through {idp}. After authenticating we get "SAML response not valid: signature mismatch". We did not change anything in {idp}. {seats} users are locked out and password login is disabled for our workspace.',
        reply: 'Hello {first}, thanks for the details. {idp} rotated its signing certificate, so our copy no longer matches. I have enabled a temporary password login for your admins so you can upload the new certificate under Settings > Security > SSO. - {agent}',
        followUp: 'New certificate uploaded, SSO works again. Can you switch off the temporary password login?',
        resolution: 'Hi {first}, all set: everyone can sign in with {idp} again, and the temporary password login has been switched off. Marking this solved. - {agent}',
      },
      {
        subject: 'Account locked after too many attempts',
        body: 'My account says "Too many failed attempts, try again later" and it has said so for {hours} hours. I am sure I am using the right password (it is saved in our password manager). Can you unlock it?',
        note: 'Lockout counter cleared. The attempts came from the customer\'s usual IP; the password manager had an old password saved.',
      },
    ],
    replies: [
      'Hi {first}, I am sorry for the trouble signing in. I have checked your account and can see the failed attempts. Before I change anything, please confirm from the email address on the account that this request comes from you. - {agent}',
    ],
    followUps: ['Confirmed, this is me writing from my work address.', 'Thanks for the quick help, I am back in.'],
    notes: ['Verified the requester via the billing contact before unlocking.'],
    resolutions: ['Hi {first}, your access is restored. If it happens again, the "Forgot password" link on the sign-in page resets it in a minute. - {agent}'],
  },
  {
    key: 'sync-failure',
    tier: 2,
    category: 'data-sync',
    group: 'Technical',
    tags: ['data-sync', 'calendar-sync', 'mobile-sync', 'duplicates'],
    weight: 4,
    scenarios: [
      {
        subject: '{calendar} events not syncing to time entries',
        body: 'Our {calendar} sync stopped creating draft time entries on {weekday}. The sync status says "Last synced 3 days ago" and "Sync now" does nothing. {count} people rely on it to fill in their timesheets.',
        reply: 'Hi {first}, thank you. I can see the sync job for your workspace failing with a permission error on the {calendar} side. Please reconnect the calendar under Settings > Integrations; the missed days will be picked up automatically. - {agent}',
        followUp: 'Reconnected, and the drafts for the last three days have appeared. Great, thanks!',
      },
      {
        subject: 'Time entries from the mobile app missing on the web',
        body: 'Entries I log in the {mobile} do not appear in the web app. The app shows them with a small cloud icon with an exclamation mark. About {count} entries from this week are only on my phone. I am afraid to log out and lose them.',
        reply: 'Hi {first}, please do not log out: the entries are safe on your phone. Our engineers found that the app gets stuck on an entry with an emoji in its note. The next app version fixes it; until then, editing that entry and removing the emoji lets the rest sync. - {agent}',
        followUp: 'Removed the emoji and everything synced. Thanks for the quick help!',
        note: 'Mobile team: known issue with 4-byte characters in notes, fixed in the next version.',
      },
      {
        subject: 'Duplicate clients after {accounting} sync',
        body: 'After the nightly {accounting} sync we have every client twice: once with the Tallybook id and once with the {accounting} id. That is {many} duplicates. Invoices are split between the two copies. How do we merge them and stop this?',
        reply: 'Hello {first}, I am sorry about the duplicates. The sync lost the link between the records after the {accounting} update. We can merge them for you by script; please confirm you want us to go ahead. Meanwhile I have paused the sync on your account. - {agent}',
        followUp: 'Please go ahead with the merge. Will invoice numbers stay the same?',
        resolution: 'Hi {first}, the merge is done: every client now exists once, with all invoices and payments attached, and invoice numbers are unchanged. The sync is running normally again. - {agent}',
      },
      {
        subject: 'Payments in {accounting} not marked paid in Tallybook',
        body: 'Payments we record in {accounting} used to mark the Tallybook invoice as paid. Since {weekday}, invoices stay "Sent" although they are paid, so clients get automatic reminders for invoices they already paid. Example: {invoice}.',
        reply: 'Hi {first}, thanks for the example. I have paused automatic reminders on your account so no client gets one by mistake, and escalated the sync problem to our integrations team. - {agent}',
      },
    ],
    replies: ['Hi {first}, thank you for reporting this. I can see the sync errors for your account and have passed them to our engineers. Nothing is lost; the missing records will sync once the cause is fixed. - {agent}'],
    followUps: ['Thanks. Is there anything we should avoid doing until it is fixed?'],
    notes: ['Sync mapping table lost rows for this workspace during the provider\'s id migration. Repair script run in dry mode first.'],
    resolutions: ['Hi {first}, the sync is healthy again and the missing records have been filled in. Thanks for bearing with us. - {agent}'],
  },
];
