/**
 * Hand-written support utterances for the triage tests: six categories of twenty texts each,
 * plus out-of-scope texts. The public datasets are for benchmarks only, never for tests.
 */

const CATEGORIES: Record<string, string[]> = {
  password_reset: [
    'I forgot my password and cannot log in',
    'how do I reset my password',
    'the password reset email never arrived',
    'my reset link says it has expired',
    'can you send me a new password reset link',
    'I keep getting invalid password when I sign in',
    'locked out after too many password attempts',
    'need to change my password, I think someone knows it',
    'reset password button does nothing',
    'I cannot remember my login password',
    'please help me recover access, forgot the password',
    'where do I change my account password',
    'the reset code you texted me does not work',
    'password recovery is not sending any email',
    'how can I set a new password for my login',
    'I typed my password wrong and now I am locked out',
    'the link to reset my password is broken',
    'forgot password page gives an error',
    'my password stopped working this morning',
    'what are the rules for a valid new password',
  ],
  refund_request: [
    'I want a refund for my last order',
    'please refund the charge from yesterday',
    'how long does a refund take to reach my card',
    'I was charged twice, I need my money back',
    'can I get my money back for the unused months',
    'the product arrived broken, I want a refund',
    'where is the refund you promised me last week',
    'refund my payment please, I did not authorise it',
    'is it possible to return this and get reimbursed',
    'you billed me after I cancelled, refund it',
    'requesting a full refund for order 4521',
    'my refund still has not shown up on my statement',
    'I would like to be reimbursed for the double charge',
    'how do I ask for a refund',
    'give me my money back, the service never worked',
    'partial refund for the late delivery please',
    'refund status for my returned item',
    'the refund amount was wrong, I paid more',
    'do you offer refunds on annual plans',
    'money back guarantee, I want to use it',
  ],
  cancel_subscription: [
    'how do I cancel my subscription',
    'please cancel my plan at the end of this month',
    'I want to stop my membership',
    'cancel my account and stop billing me',
    'where is the button to end my subscription',
    'I no longer need the service, cancel it',
    'stop auto renewal on my plan',
    'terminate my subscription immediately',
    'can I pause my subscription instead of cancelling',
    'I tried to cancel online but it failed',
    'unsubscribe me from the premium plan',
    'end my trial before it converts to paid',
    'how do I close my account for good',
    'cancel the renewal that is coming up next week',
    'I want to downgrade and then cancel',
    'please do not renew my yearly subscription',
    'cancellation request for my team plan',
    'I am leaving, how do I cancel everything',
    'turn off the recurring payment for my membership',
    'confirm that my subscription has been cancelled',
  ],
  shipping_status: [
    'where is my package',
    'my order has not arrived yet',
    'can you give me the tracking number for my order',
    'the delivery is three days late',
    'tracking says delivered but nothing is here',
    'when will my order ship',
    'has my parcel been dispatched',
    'what is the estimated delivery date for order 7788',
    'the courier lost my shipment',
    'my package is stuck in customs',
    'tracking has not updated in a week',
    'can I change the delivery address for my shipment',
    'is my order on its way',
    'the box was delivered to the wrong house',
    'how long does shipping take to canada',
    'I need an update on my delivery',
    'my parcel shows returned to sender',
    'why is shipping taking so long',
    'the driver said nobody was home but I was',
    'which carrier is delivering my order',
  ],
  update_billing: [
    'how do I update my credit card',
    'I need to change the card on file',
    'my card expired, where do I add the new one',
    'please switch my payment method to paypal',
    'update the billing address on my invoices',
    'can I pay by bank transfer instead of card',
    'change the company name on my invoice',
    'add a VAT number to my billing details',
    'the payment failed because my card is outdated',
    'remove my old card from the account',
    'where do I edit my billing information',
    'I want invoices sent to our accounts team email',
    'set a different card as the default payment method',
    'my new debit card needs to be added',
    'change billing currency to euros',
    'update payment details before the next charge',
    'how can I download my invoices',
    'put the purchase order number on my invoice',
    'billing contact should be my colleague now',
    'replace the expired visa card on my account',
  ],
  report_bug: [
    'the app crashes when I open settings',
    'I found a bug in the export feature',
    'the page shows a blank screen after login',
    'error 500 when saving my profile',
    'the search results are wrong since the update',
    'buttons do not respond on the mobile app',
    'the dashboard freezes when I load reports',
    'images fail to upload with an unknown error',
    'the calendar shows the wrong time zone',
    'notifications arrive twice for every message',
    'the csv export is missing columns',
    'the app keeps logging me out randomly',
    'dark mode makes the text unreadable',
    'the sync between phone and desktop is broken',
    'clicking save deletes my changes',
    'the editor crashes when I paste a table',
    'there is a typo on the pricing page and the link is dead',
    'charts are not rendering in firefox',
    'the filter dropdown is stuck loading forever',
    'the api returns an error for valid requests',
  ],
};

const OUT_OF_SCOPE = [
  'what is the weather going to be tomorrow',
  'tell me a joke about penguins',
  'how many calories are in a banana',
  'who won the football match last night',
  'recommend a good movie for tonight',
  'what is the capital of australia',
  'how do I bake sourdough bread',
  'play some relaxing music',
  'what time is sunset in lisbon',
  'translate good morning into japanese',
  'how tall is mount everest',
  'suggest a name for my new puppy',
  'what is the square root of 144',
  'which planet is closest to the sun',
  'give me a recipe for vegetable soup',
  'how far is the moon from earth',
];

export interface FixtureRow {
  text: string;
  label: string;
}

/** Every in-scope fixture row (120), category by category. */
export function inScopeRows(): FixtureRow[] {
  return Object.entries(CATEGORIES).flatMap(([label, texts]) => texts.map((text) => ({ text, label })));
}

/** The out-of-scope fixture rows (16), labelled `oos`. */
export function outOfScopeRows(): FixtureRow[] {
  return OUT_OF_SCOPE.map((text) => ({ text, label: 'oos' }));
}

/**
 * A fixed split: the first 15 texts of each category (and the first 8 out-of-scope ones) for
 * training, the remaining 5 per category (and 8 out-of-scope) held out.
 */
export function fixtureSplit(): { train: FixtureRow[]; test: FixtureRow[] } {
  const train: FixtureRow[] = [];
  const test: FixtureRow[] = [];
  for (const [label, texts] of Object.entries(CATEGORIES)) {
    texts.forEach((text, i) => (i < 15 ? train : test).push({ text, label }));
  }
  OUT_OF_SCOPE.forEach((text, i) => (i < 8 ? train : test).push({ text, label: 'oos' }));
  return { train, test };
}
