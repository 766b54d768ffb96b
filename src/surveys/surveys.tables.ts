import type { Selectable } from 'kysely';

export interface CsatSurveysTable {
  ticket_id: string;
  requester_id: string;
  sent_at: string;
  rating: number | null;
  comment: string | null;
  source: 'email' | 'portal' | 'api' | null;
  answered_at: string | null;
  updated_at: string;
}

export type CsatSurveyRow = Selectable<CsatSurveysTable>;

declare module '../platform/db/tables.js' {
  interface Database {
    csat_surveys: CsatSurveysTable;
  }
}
