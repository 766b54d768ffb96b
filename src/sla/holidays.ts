import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';

// Loaded on first use (its data takes ~0.4 s to load): CLI commands that never touch a calendar start faster.
const require = createRequire(import.meta.url);
let holidaysClass: typeof HolidaysClass | undefined;
const Holidays = (): typeof HolidaysClass => (holidaysClass ??= require('date-holidays') as typeof HolidaysClass);

export interface HolidaySource {
  /** ISO 3166-1 country code, e.g. `DE`. */
  country?: string | null;
  /** The country's state or province code, e.g. `BY`. */
  state?: string | null;
  /** A region inside the state, e.g. `A` (Augsburg). */
  region?: string | null;
  /** Extra closed days (YYYY-MM-DD), e.g. the company's own days off. */
  dates?: string[];
}

let listerInstance: HolidaysClass | undefined;
const lister = (): HolidaysClass => (listerInstance ??= new (Holidays())());

/** Field-level problems with a holiday source (unknown country, state or region). */
export function holidaySourceProblems(source: HolidaySource, path: string): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  if (!source.country) {
    if (source.state) problems.push({ path: `${path}.state`, message: 'needs a country' });
    return problems;
  }
  const countries = lister().getCountries();
  if (!countries[source.country.toUpperCase()]) return [{ path: `${path}.country`, message: `is not a country date-holidays knows` }];
  if (source.state) {
    const states = lister().getStates(source.country.toUpperCase()) ?? {};
    if (!states[source.state.toUpperCase()]) return [{ path: `${path}.state`, message: `is not a state of ${source.country}` }];
    if (source.region) {
      const regions = lister().getRegions(source.country.toUpperCase(), source.state.toUpperCase()) ?? {};
      if (!regions[source.region.toUpperCase()]) problems.push({ path: `${path}.region`, message: `is not a region of ${source.country}-${source.state}` });
    }
  } else if (source.region) {
    problems.push({ path: `${path}.region`, message: 'needs a state' });
  }
  return problems;
}

/**
 * What date-holidays knows, for pickers: the countries, a country's states, or a state's regions
 * (by code, sorted by name); undefined when the country or state is unknown.
 */
export function holidayChoices(country?: string, state?: string): Array<{ code: string; name: string }> | undefined {
  const l = lister();
  const named = country ? (state ? l.getRegions(country.toUpperCase(), state.toUpperCase(), 'en') : l.getStates(country.toUpperCase(), 'en')) : l.getCountries('en');
  if (!named) {
    // A known country or state without subdivisions has an empty list; an unknown one has none.
    if (!country || !l.getCountries()[country.toUpperCase()]) return undefined;
    if (state && !(l.getStates(country.toUpperCase()) ?? {})[state.toUpperCase()]) return undefined;
    return [];
  }
  return Object.entries(named)
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/**
 * The local dates a holiday source closes in a year: the country's (or state's) public holidays,
 * including substitute days, plus the custom dates. Half-day and optional observances stay open.
 */
export function closedDates(source: HolidaySource, year: number): Set<string> {
  const dates = new Set((source.dates ?? []).filter((d) => d.startsWith(`${year}-`)));
  if (source.country) {
    const options = { types: ['public' as const] };
    const holidays = source.state
      ? source.region
        ? new (Holidays())(source.country, source.state, source.region, options)
        : new (Holidays())(source.country, source.state, options)
      : new (Holidays())(source.country, options);
    for (const h of holidays.getHolidays(year) || []) dates.add(h.date.slice(0, 10));
  }
  return dates;
}
