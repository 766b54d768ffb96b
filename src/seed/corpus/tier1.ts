import type { SubType } from './types.js';

/** Tier 1, critical business impact: outages, security incidents, data loss, payment failures, compliance. */
export const TIER1: readonly SubType[] = [
  {
    key: 'outage',
    tier: 1,
    category: 'outage',
    group: 'Platform',
    tags: ['outage', 'sev1', 'login', 'api', 'dashboard'],
    weight: 3,
    scenarios: [
      {
        subject: '{workspace} is down - {httpError} for everyone',
        body: 'Nobody in our office can open Tallybook. Every page at {workspace} returns {httpError} since about {time} UTC. We tried {browser} and {os}, on the office network and on phone hotspots, same result. We have {seats} people who cannot log time or send invoices today. Is there an incident?',
      },
      {
        subject: 'URGENT: cannot log in, whole team blocked',
        body: 'The login page spins for {seconds} seconds and then shows "Something went wrong (ref {requestId})". This started around {time} UTC and affects all {seats} users at {company}. Your status page still says all systems operational. We have payroll cut-off at 17:00 and need the timesheets.',
      },
      {
        subject: 'API returning {httpError} on every call',
        body: 'All requests to {endpoint} have failed with {httpError} for the last {minutes} minutes. Our order system pushes invoices to Tallybook every minute, so we now have a backlog of {many} invoices queued. Example request id: {requestId}. Region: {region}.',
        followUp: 'Our queue is draining now, thanks. Do we need to resend the calls that failed or will they be picked up?',
      },
      {
        subject: 'Invoices not sending - outage in {region}?',
        body: 'Since {time} UTC none of our invoices are being emailed. The "Send" button shows a green tick but clients receive nothing and the invoice stays in Draft. Colleagues at two other firms in {region} say the same. This is month end for us, we have roughly {count} invoices that must go out today.',
        note: 'Outbound mail queue stuck behind a poisoned message since the mail relay restart; {many} invoices waiting. Platform is draining it.',
      },
      {
        subject: 'Dashboard blank and reports timing out for all users',
        body: 'The home dashboard loads as a blank white page and every report ends with {httpError} after about {seconds} seconds. Cleared cache, tried incognito and {browser}. It is the same for everyone on our account and also for our accountant, who logs in from another country.',
      },
      {
        subject: 'Mobile app and web both down - "Service unavailable"',
        body: 'Both the {mobile} and the web app say "Service unavailable, please try later". Our field technicians cannot record hours or capture signatures on site. Please tell us what is going on and give us an ETA, we need to inform our own clients.',
        followUp: 'The technicians can log in again. Entries they made offline in the app this morning seem to be there too. Thanks!',
      },
    ],
    replies: [
      'Hi {first}, thank you for reporting this so quickly. We can confirm an incident affecting customers in {region} after a faulty deployment, and engineers are rolling it back now. I have linked your ticket to the incident so you will hear from us the moment it is fixed. - {agent}',
      'Hi {first}, I am sorry for the disruption. Our on-call team is investigating elevated error rates right now and I have escalated your ticket as critical. Nothing you have entered is lost. I will update you within 30 minutes. - {agent}',
      'Hello {first}, thanks for the details, they helped us pinpoint the failing service. We have declared an incident and the status page now shows it. I will stay on this ticket until your team is working again. - {agent}',
    ],
    followUps: [
      'Thanks. Still down on our side as of now. Any ETA we can pass on to our clients?',
      'It is back for some of us but two people still get the error page. Should they log out and back in?',
      'Working again, thank you. Can you send us a short incident report for our management?',
    ],
    notes: [
      'Linked to the ongoing incident. Platform on-call confirmed the bad deploy was rolled back at the edge; error rate dropping.',
      'Customer is on {plan} with an uptime SLA - remember the service credit once the post-incident review is out.',
      'Gateway logs for this workspace show 502s from {time} UTC, upstream pool exhausted. Same pattern as the other reports this morning.',
    ],
    resolutions: [
      'Hi {first}, the incident is resolved: the faulty release was rolled back and we have added a check so it cannot reach production again. Everything should work normally now, including anything that was waiting to go out. The full post-incident report will be on our status page within 48 hours. Sorry again for the trouble. - {agent}',
      'Hi {first}, service has been fully restored since {time2} UTC and we have monitored it for an hour without errors. Anything that failed during the incident can be retried safely; nothing was half-processed. I am marking this solved, but reply here if anything still looks wrong. - {agent}',
    ],
  },
  {
    key: 'security',
    tier: 1,
    category: 'security',
    group: 'Platform',
    tags: ['security', 'suspicious-login', 'api-key', 'phishing', '2fa'],
    weight: 2,
    scenarios: [
      {
        subject: 'Suspicious logins to our account from {country}',
        body: 'Our audit log shows {count} successful logins for our admin user from IP {ip} in {country} overnight. Nobody on our team is there and we do not use a VPN. Two invoices were downloaded during that session. Please help us lock this down and tell us what was accessed.',
        reply: 'Hi {first}, thank you for raising this immediately. As a first step we have ended every active session on your account and blocked {ip}. Please have your admins reset their passwords; our security team is now reviewing the access logs and will tell you exactly what was viewed or downloaded. - {agent}',
        followUp: 'Passwords are reset and 2FA re-enrolled for all admins. Please send the access review as soon as you have it, our DPO is asking.',
      },
      {
        subject: 'API key leaked in a public GitHub repo',
        body: 'One of our developers accidentally pushed our Tallybook API key to a public repository this morning. We removed the commit but the key was public for about {hours} hours. We need to know whether anyone else used it and how to rotate it without breaking our {integration} integration.',
        reply: 'Hi {first}, we treat this as a security incident. I have revoked the exposed key on our side; please create a new one under Settings > API and update {integration} with it. Our security team is checking every request made with the old key since it was published and will send you the list. - {agent}',
        followUp: 'New key is in place and the integration works. Did you find any use of the old key from outside our IPs?',
        note: 'Reviewed key usage: all calls came from the customer\'s own IP range except {count} calls to {endpoint} from {ip}. Passing to security for the report.',
      },
      {
        subject: 'Phishing email pretending to be Tallybook',
        body: 'Several of our staff received an email titled "Your Tallybook invoice is overdue" asking them to log in on a look-alike domain (tallyb00k-billing.com). One colleague entered her password before we noticed. We reset it already. Is this a known campaign, and is there anything else we should do?',
        reply: 'Hello {first}, thanks for flagging it, and well done on resetting the password so quickly. Our security team is investigating and asking the registrar to take the domain down. Please send us the email as an attachment so we keep its headers, and check that your colleague\'s account has 2FA switched on. - {agent}',
        followUp: 'Attached the original email with headers. Two more colleagues reported the same message this morning.',
        resolution: 'Hi {first}, the look-alike domain has been taken down and we have warned all customers about the campaign. We found no sign-in from the phishing site to your colleague\'s account after her reset. Thanks for helping us stop it early. - {agent}',
      },
      {
        subject: 'Former employee still has access',
        body: 'We removed a contractor from {workspace} last {weekday}, but today we saw time entries created under his name. He should not be able to log in anymore. This is a serious concern for us, as he had access to client rates and bank details.',
        note: 'The entries came from a personal API token the contractor created; removing a user did not revoke tokens. Revoked it, bug filed with high priority.',
        resolution: 'Hi {first}, we found the cause: the contractor had a personal API token, and removing a user did not revoke it. The token is revoked, the fix that revokes tokens with the user is live for everyone, and the report of what the token accessed is attached. - {agent}',
      },
      {
        subject: 'Two-factor codes not required any more?',
        body: 'We enforce 2FA for every user, but a new {role} just logged in with only a password. Settings > Security still shows "Require 2FA" switched on. Is enforcement broken? We are {regulation} audited and this must work.',
        resolution: 'Hi {first}, we found and fixed the cause: a session created before enforcement was switched on was allowed to continue. All such sessions are now invalidated and the fix is live for every customer. Thank you for reporting it so clearly. - {agent}',
      },
    ],
    replies: [
      'Hi {first}, thank you for raising this straight away. I have escalated it to our security team as a priority incident; they are reviewing the access logs for your account now and will tell you exactly what happened and what was accessed. Meanwhile, please make sure every admin on your account uses two-factor authentication. - {agent}',
      'Hello {first}, we take this very seriously. Our security team has taken the case and will contact you within the hour. Please do not delete anything from your audit log; we may need it for the investigation. - {agent}',
    ],
    followUps: ['Thank you. Please keep us posted, our management wants a written summary.', 'Understood. Is there anything else we should do on our side right now?'],
    notes: [
      'Security on-call paged. Session purge done for the workspace; preserving logs for 90 days.',
      'Possible notifiable event under {regulation} - security lead to decide within 24h. Do not speculate to the customer before then.',
    ],
    resolutions: [
      'Hi {first}, our security review is complete. The report is attached: it lists every request involved and confirms that no data was changed and no other accounts were touched. We recommend keeping 2FA enforcement on and reviewing the audit log monthly. Our security team is available if you have any questions. - {agent}',
    ],
  },
  {
    key: 'data-loss',
    tier: 1,
    category: 'data-loss',
    group: 'Technical',
    tags: ['data-loss', 'restore', 'import', 'corruption'],
    weight: 2,
    scenarios: [
      {
        subject: 'All time entries for {project} disappeared',
        body: 'Yesterday the project "{project}" had about {many} hours logged. This morning its timesheet is empty and the project budget shows 0 h used. Nobody on our side deleted anything (the audit log shows no delete). We bill this client on Friday and those hours are {money} of work. Please help us get them back.',
        followUp: 'Thank you. Please prioritise the hours for {project}, we invoice that client first.',
      },
      {
        subject: 'CSV import overwrote our client list',
        body: 'I imported a CSV of new clients with "Update existing records" ticked, and it replaced the addresses and tax numbers of {count} existing clients with blanks. I did not expect blank cells to erase data. Can you restore the client records to how they were before {time} UTC today?',
        resolution: 'Hi {first}, the {count} client records are restored to how they were before your import, and nothing else was touched. From today, blank cells in an import leave existing values alone unless you tick "Clear empty fields", so this cannot happen by accident again. - {agent}',
      },
      {
        subject: 'Invoice amounts changed after the update - totals are wrong',
        body: 'Since this morning, invoices we sent last month show different totals: {invoice} was {money} when we sent it and now shows a lower amount with {tax} missing. Our accountant noticed when reconciling. We need the original figures, this is a legal document.',
        followUp: 'Our accountant checked a sample after your restore and the figures match again. Can you confirm no client saw the wrong totals in the portal?',
      },
      {
        subject: 'Deleted a project by mistake - need it restored urgently',
        body: 'A {role} on our team deleted the project "{project}" thinking it was a duplicate. It held two years of time entries, {count2} expenses and all the attached receipts. The trash only keeps 7 days in the UI and I cannot find it there. Is there a backup you can restore from?',
      },
      {
        subject: 'Attachments missing from expense reports',
        body: 'All receipts attached to expense reports before {weekday} now show "File not found". That is about {many} receipts we need for our {tax} return. The reports themselves are still there, only the files are gone.',
        note: 'Storage team confirms the receipt files still exist in cold storage; the references were broken, not the files.',
      },
    ],
    replies: [
      'Hi {first}, I am sorry, I know how worrying this is. We keep point-in-time backups for 35 days, so this data can very likely be recovered. I have opened a restore request with our engineers and asked them to compare your records with last night\'s backup first. Please avoid editing the affected records in the meantime so we do not create conflicts. - {agent}',
      'Hello {first}, thank you for the detail. I can see the change in our logs and have escalated it to engineering as data corruption. We are checking whether other accounts are affected and will restore the original values from the backup. I will update you by end of day at the latest. - {agent}',
    ],
    followUps: ['Understood, we have stopped all edits. Is there anything you need from us?', 'Thank you. Do you have an estimate of how long the restore will take?'],
    notes: [
      'Engineering found the cause: a background job rewrote rows for this workspace. Restore script ready, running it against a copy first.',
      'Restored into staging, the diff looks right. Need the customer\'s OK before we write to production.',
    ],
    resolutions: [
      'Hi {first}, the restore is complete. Every record is back as it was before the problem, and we double-checked the totals against the backup. We have also fixed the underlying fault so it cannot happen again. Please have a look and tell us if anything seems off. - {agent}',
      'Hi {first}, good news: all the missing items are recovered and visible again. I have added a note to your account so our team knows the history if you ever contact us about it again. Sorry for the stress this caused. - {agent}',
    ],
  },
  {
    key: 'payment-failure',
    tier: 1,
    category: 'payments',
    group: 'Billing',
    tags: ['payments', 'charged-twice', 'card-declined', 'payouts', 'stripe'],
    weight: 3,
    scenarios: [
      {
        subject: 'Clients charged twice for the same invoice',
        body: 'At least {count} of our clients were charged twice today through the client portal. For example {invoice} for {money} shows two successful payments via {gateway} a few seconds apart. Clients are calling us angry. Please stop this and tell us how to refund the duplicates.',
        reply: 'Hi {first}, thanks for the quick report and the invoice number. I can see the duplicate charges. We have paused automatic retries on your account to stop any new duplicates, and our payments team is preparing refunds for every second charge. You do not need to do anything in {gateway} yourself. - {agent}',
        followUp: 'Thanks. Please send me the list of refunded payments so we can let each client know.',
        note: 'Root cause: the portal retried after the checkout timeout without its idempotency key. Payments team is fixing it; refunds issued by script.',
        resolution: 'Hi {first}, all duplicate charges have been refunded (the list is attached) and the fix is live, so a retry can no longer charge a client twice. Refunds take 5-10 business days to show on card statements. Sorry for the trouble this caused with your clients. - {agent}',
      },
      {
        subject: 'All card payments failing with "{declineCode}"',
        body: 'Since {time} UTC every card payment on our invoices fails with "{declineCode}", whatever card the client uses. Payments through {gateway} directly work, so it seems to be the connection between Tallybook and {gateway}. We are losing payments as we speak.',
        followUp: 'Still failing for us, we just had another client try twice. Any update?',
        note: 'Confirmed with {gateway}: elevated declines for one acquiring bank after a certificate change on their side. We should retry such declines automatically.',
      },
      {
        subject: 'Payouts not arriving for {count} days',
        body: 'Payments collected through Tallybook Payments have not been paid out to our bank for {count} days. The balance shows {money} "in transit" but our bank has nothing. We have salaries to pay on Friday. Can you check what is blocking the payout?',
        reply: 'Hello {first}, I have checked your payout schedule: the payouts are held because {gateway} asked us to re-verify the bank account after a change. I have sent the verification request to your account owner; once it is completed, the held {money} goes out in the next payout run. - {agent}',
        followUp: 'Verification completed just now. Will the payout go out today?',
        resolution: 'Hi {first}, the verification went through and the held payout of {money} was released this morning; your bank should show it within one business day. Payouts are back on their normal schedule. - {agent}',
      },
      {
        subject: 'Our subscription charge failed and the account is now read-only',
        body: 'Our renewal for the {plan} plan failed with "{declineCode}" although the {card} is valid and has funds; our bank sees no attempt at all. Now {workspace} is read-only and we cannot send invoices. Please restore access while we sort out the charge.',
        reply: 'Hi {first}, I am sorry about this. I have lifted the read-only mode on your account right away, so you can send invoices again. Our billing team is looking into why the charge never reached your bank; you do not need to do anything for now. - {agent}',
        note: 'Account was made read-only by the dunning job although the charge never reached the bank. Lifted manually; billing to check the card on file.',
        resolution: 'Hi {first}, the renewal went through on the second attempt and your account is fully active. The first attempt failed on our side, so we have added a month of credit to make up for the trouble. - {agent}',
      },
      {
        subject: 'Direct debit payments stuck in "Processing"',
        body: 'All {gateway} direct debit payments from our clients have been stuck in "Processing" since {weekday}. Normally they clear in 3 days. That is {money} of receivables in limbo and our cash flow depends on it.',
      },
    ],
    replies: [
      'Hi {first}, I am sorry, I know payments are the last thing that can break. We are seeing a fault between us and {gateway} for some accounts and have escalated it to our payments engineers as critical. I will update you within the hour. - {agent}',
      'Hello {first}, thank you for the details. Our payments team is on it with {gateway} now. No money has been lost: every payment is either completed or will be retried. - {agent}',
    ],
    followUps: ['Thanks for the quick reaction. Please tell us as soon as clients can pay again.', 'Any news? Our finance director is asking every hour.'],
    notes: ['Payments team engaged; {gateway} support case opened with priority.', 'Customer is {plan}; check whether the contract has payment SLAs before answering about credits.'],
    resolutions: [
      'Hi {first}, payments are working again: the connection issue with {gateway} is fixed and the payments that failed were retried automatically where clients had agreed to it. Marking this solved; reply if any payment still looks wrong. - {agent}',
    ],
  },
  {
    key: 'compliance',
    tier: 1,
    category: 'compliance',
    group: 'Accounts',
    tags: ['compliance', 'gdpr', 'dpa', 'data-residency', 'invoicing-law'],
    weight: 1,
    scenarios: [
      {
        subject: 'Data stored outside the EU? Urgent {regulation} question',
        body: 'Our contract says all our data is hosted in the EU (Frankfurt), but an export of our audit log shows file downloads served from a US domain. Our DPO needs to know by Friday whether any personal data of our clients left the EU. Please treat this as urgent; we may have to notify our own customers.',
        note: 'Privacy team: the CDN served cached downloads from a US edge for EU workspaces. Config fixed; legal is preparing the written statement.',
      },
      {
        subject: 'Deletion request not honoured - data still visible',
        body: 'A former client asked us to delete their personal data under {regulation}. We deleted the client in Tallybook {count} days ago, but their name and email still appear in old invoice PDFs and in search. We are legally required to complete this within a month. How do we erase it completely?',
        resolution: 'Hi {first}, the client\'s personal data is now erased everywhere, including the stored PDFs and the search index; the invoices keep their amounts and numbers as the law requires, with the name replaced. You will find the erasure certificate attached for your records. - {agent}',
      },
      {
        subject: 'Invoices missing mandatory {tax} fields - audit next week',
        body: 'Our tax advisor found that invoices generated since the last update no longer show our {tax} registration number and the reverse-charge note for EU clients. We have an audit next week and {count} invoices are affected. We need a fix and corrected copies.',
        followUp: 'Our auditor asks whether regenerated invoices keep their original issue date. Do they?',
        resolution: 'Hi {first}, the fix is live and the affected invoices have been regenerated with all required fields, keeping their original numbers and issue dates. You can download them from Invoices > Sent. Good luck with the audit. - {agent}',
      },
      {
        subject: 'Need signed DPA and sub-processor list before renewal',
        body: 'Our legal team cannot approve the renewal of our {plan} plan without a signed data processing agreement and the current list of sub-processors. The link in your trust centre returns a 404. The renewal deadline is {weekday}.',
      },
    ],
    replies: [
      'Hi {first}, thank you for raising this. I have escalated it to our privacy and compliance team, who will answer in writing. Given your deadline, they aim to reply within one business day. - {agent}',
      'Hello {first}, I understand the legal deadline. I have passed this to our compliance team and asked for a fix with priority. I will keep you updated here. - {agent}',
    ],
    followUps: ['Thank you. Please include the legal basis for any transfer in your written answer.', 'Thanks. Our legal team would like a call with your DPO if possible.'],
    notes: ['Escalated to privacy/legal. Customer has a hard deadline; follow up daily.'],
    resolutions: [
      'Hi {first}, attached is our written statement from the privacy team together with the signed DPA and the current sub-processor list. Let us know if your DPO needs anything else. - {agent}',
    ],
  },
];
