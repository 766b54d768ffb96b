import { describe, expect, it } from 'vitest';
import { frustrationOf, RECENT_CONTACTS_CAP } from './frustration.js';
import { detectLanguage } from './language.js';
import { sentimentOf } from './sentiment.js';
import { readSignals } from './signals.js';
import { urgencyOf } from './urgency.js';

const neutral = { score: 0, label: 'neutral' as const };

describe('language', () => {
  it('detects supported languages', () => {
    expect(detectLanguage('The invoice export has been failing since yesterday, please help us.').code).toBe('en');
    expect(detectLanguage('Ma commande n’est toujours pas arrivée, pouvez-vous vérifier le suivi ?').code).toBe('fr');
    expect(detectLanguage('Meine Bestellung ist immer noch nicht angekommen, bitte prüfen Sie das.').code).toBe('de');
    expect(detectLanguage('注文した商品がまだ届いていません。確認してください。').code).toBe('ja');
    expect(detectLanguage('Мой заказ до сих пор не пришёл, помогите пожалуйста').code).toBe('ru');
  });

  it('answers plain English from its commonest words, and leaves other languages written without accents to franc', () => {
    // franc alone reads these short English requests as Danish and French.
    expect(detectLanguage('can you help me find my phone, please').code).toBe('en');
    expect(detectLanguage('could you help me locate my phone, please').code).toBe('en');
    expect(detectLanguage('Wir haben ein Problem mit der Rechnung, bitte pruefen Sie das so schnell wie moeglich').code).toBe('de');
    expect(detectLanguage('Je ne peux pas me connecter a mon compte depuis hier soir, pouvez vous verifier').code).toBe('fr');
    expect(detectLanguage('No puedo acceder a mi cuenta desde ayer, por favor ayuda con el pago').code).toBe('es');
    expect(detectLanguage('Wij hebben een probleem met de factuur van deze maand, kunt u dat controleren').code).toBe('nl');
    expect(detectLanguage('Non riesco ad accedere al mio account da ieri sera, potete aiutarmi per favore').code).toBe('it');
  });

  it('answers und for texts too short to tell, never a guess', () => {
    expect(detectLanguage('help!!')).toEqual({ code: 'und', reason: 'too_short' });
    expect(detectLanguage('   ')).toEqual({ code: 'und', reason: 'too_short' });
    expect(detectLanguage('12345 67890 !!!! ????')).toEqual({ code: 'und', reason: 'too_short' });
  });
});

describe('sentiment', () => {
  it('tells positive from negative and neutral', () => {
    expect(sentimentOf('Thank you so much, your team was wonderful and very helpful!').label).toBe('positive');
    expect(sentimentOf('This is terrible, the worst service I have ever had.').label).toBe('negative');
    expect(sentimentOf('').label).toBe('neutral');
  });
});

describe('frustration', () => {
  it('finds shouting, exclamation marks, repeats, "still not fixed" and threats', () => {
    const f = frustrationOf('THIS IS THE THIRD TIME I WRITE!!! Still not fixed. I will cancel and file a chargeback.', neutral, null, 72);
    expect(f.level).toBe('high');
    expect(f.cues).toEqual(
      expect.arrayContaining([
        'SHOUTING (capital letters)',
        'repeated exclamation marks',
        'repeated problem: "THIRD TIME"',
        'still not fixed: "Still not fixed"',
        'threat to leave: "will cancel"',
      ]),
    );
    expect(f.score).toBeLessThanOrEqual(1);
  });

  it('counts repeat contacts from the same requester', () => {
    expect(frustrationOf('Any news on my request?', neutral, 0, 72).level).toBe('none');
    const repeat = frustrationOf('Any news on my request?', neutral, 3, 72);
    expect(repeat.cues).toEqual(['3 earlier tickets from the same requester in 72 h']);
    expect(repeat.level).toBe('medium');
    // Counting stops at the cap: the cue says so rather than give a number it did not count to.
    expect(frustrationOf('Any news on my request?', neutral, RECENT_CONTACTS_CAP, 72).cues).toEqual([`${RECENT_CONTACTS_CAP} or more earlier tickets from the same requester in 72 h`]);
  });

  it('stays calm for a calm ticket, and a request to cancel is no threat', () => {
    expect(frustrationOf('Could you tell me how to cancel my subscription at the end of the month?', neutral, null, 72)).toMatchObject({ score: 0, level: 'none', cues: [] });
    expect(frustrationOf('Our API, CSV and SSO settings need review.', neutral, null, 72).level).toBe('none');
  });
});

describe('urgency', () => {
  it('scores time pressure and stakes', () => {
    expect(urgencyOf('URGENT: we are losing orders, please fix ASAP').score).toBeGreaterThanOrEqual(0.5);
    expect(urgencyOf('We need this by end of day').cues).toEqual(['by end of day']);
    expect(urgencyOf('Whenever you have a moment').score).toBe(0);
  });
});

describe('all signals', () => {
  it('reads subject and body together', () => {
    const s = readSignals('Still not fixed!!!', 'Third time I write about the broken export.', { recentContacts: 1, repeatWindowHours: 24 });
    expect(s.language.code).toBe('en');
    expect(s.frustration.level).toBe('high');
    expect(s.frustration.cues).toContain('1 earlier ticket from the same requester in 24 h');
  });
});
