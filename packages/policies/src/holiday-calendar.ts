import { z } from 'zod';
import { holidaysClass } from './holiday-module.js';
import { COUNTRY_ALIASES, closeCodes } from './holiday-suggestions.js';

/** The kinds of days a holiday calendar lists (the `date-holidays` types). */
export const HOLIDAY_TYPES = ['public', 'bank', 'school', 'optional', 'observance'] as const;

/** A kind of day a holiday calendar lists: `public` holidays, `bank` holidays, `school` holidays and so on. */
export type HolidayType = (typeof HOLIDAY_TYPES)[number];

const DAY_IN_MS = 86_400_000;

/** A validated holiday calendar: the codes as the calendar spells them, and the types, defaulted. */
export interface ParsedHolidays {
  /** ISO 3166-1 alpha-2 country code, e.g. `DE`. */
  country: string;
  /** A state or province (`BY`), or one with one of its regions (`BY.A`). */
  region?: string | undefined;
  /** Which days count. */
  types: HolidayType[];
}

/**
 * The zod schema of a schedule's `holidays`: a country, optionally a region, and the types of days that count.
 * The country and region are checked against the calendar's own list (it would accept an unknown region silently),
 * and a problem lists the valid codes closest to what was written.
 */
export const holidaysConfigSchema = z
  .strictObject({
    country: z.string().meta({ description: "An ISO 3166-1 alpha-2 country code, e.g. 'DE', 'US' or 'JP'." }),
    region: z.string().optional().meta({
      description:
        "A state or province of the country, e.g. 'BY' (Bavaria) for DE or 'CA' for US; 'BY.A' for one of its regions.",
    }),
    types: z.array(z.enum(HOLIDAY_TYPES)).min(1).optional().meta({
      description: "Which days count: 'public' (the default), 'bank', 'school', 'optional', 'observance'.",
    }),
  })
  .transform((value, ctx): ParsedHolidays => {
    const located = locate(value.country, value.region);
    if (typeof located === 'string' || 'problem' in located) {
      const problem = typeof located === 'string' ? located : located.problem;
      const key = typeof located === 'string' ? 'country' : 'region';
      ctx.issues.push({ code: 'custom', path: [key], input: value[key], message: problem });
      return z.NEVER;
    }
    return { ...located, types: value.types ?? ['public'] };
  })
  .meta({
    description: "The holiday calendar of `when: holidays` rules, e.g. { country: 'DE', region: 'BY' }.",
  });

type Located = { country: string; region?: string } | { problem: string };

/** Finds the country and region in the calendar's lists; a string is a problem with the country. */
function locate(countryText: string, regionText: string | undefined): Located | string {
  const holidays = new (holidaysClass())();
  const countries = holidays.getCountries('en');
  const country = Object.keys(countries).find((code) => code === countryText.trim().toUpperCase());
  if (country === undefined) {
    const close = closeCodes(countryText, countries, 8, COUNTRY_ALIASES);
    return `unknown holiday country ${JSON.stringify(countryText)}: use an ISO 3166-1 alpha-2 code the holiday calendar knows${close ? `, such as ${close}` : ''}`;
  }
  const countryName = `${country} (${countries[country]})`;
  if (regionText === undefined) return { country };
  const [stateText = '', subText, ...rest] = regionText.trim().split('.');
  const states = holidays.getStates(country, 'en') ?? {};
  if (Object.keys(states).length === 0) {
    return { problem: `${countryName} has no regions in the holiday calendar: remove \`region\`` };
  }
  const state = Object.keys(states).find((code) => code.toUpperCase() === stateText.toUpperCase());
  if (state === undefined || rest.length > 0) {
    return {
      problem: `unknown region ${JSON.stringify(regionText)} of ${countryName}: use one of ${closeCodes(stateText, states, 20)}`,
    };
  }
  if (subText === undefined) return { country, region: state };
  const regions = holidays.getRegions(country, state, 'en') ?? {};
  const sub = Object.keys(regions).find((code) => code.toUpperCase() === subText.toUpperCase());
  if (sub === undefined) {
    const known = Object.keys(regions).length === 0 ? '' : closeCodes(subText, regions, 20);
    return {
      problem:
        known === ''
          ? `${state} (${states[state]}) of ${country} has no regions in the holiday calendar: use region '${state}'`
          : `unknown region ${JSON.stringify(subText)} of ${state} (${states[state]}): use '${state}' or '${state}.<code>' with one of ${known}`,
    };
  }
  return { country, region: `${state}.${sub}` };
}

/** The holidays of one calendar, by local date. */
export interface HolidayCalendar {
  /** The calendar as ISO 3166-2 text, e.g. `DE-BY`. */
  readonly label: string;
  /** The names of the holidays (in English where the calendar has it) on the local date that contains `localMs`. */
  namesOn(localMs: number): readonly string[];
}

/**
 * The holidays of a validated calendar, by local date. A holiday that lasts several days counts on each of them;
 * one that starts during the day (Christmas Eve from 14:00) counts for its whole date. Years are computed when
 * first asked for and kept.
 */
export function holidayCalendar(config: ParsedHolidays): HolidayCalendar {
  const [state, region] = config.region?.split('.') ?? [];
  const calendar = new (holidaysClass())(
    { country: config.country, ...(state && { state }), ...(region && { region }) },
    { languages: ['en'], types: config.types },
  );
  const years = new Map<number, Map<number, string[]>>();
  const yearDays = (year: number): Map<number, string[]> => {
    let days = years.get(year);
    if (days) return days;
    days = new Map();
    // A holiday of several days may start in the year before.
    for (const holiday of [...calendar.getHolidays(year - 1), ...calendar.getHolidays(year)]) {
      const [y, m, d] = holiday.date.slice(0, 10).split('-').map(Number) as [number, number, number];
      const first = Date.UTC(y, m - 1, d);
      const span = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_IN_MS));
      for (let day = first; day < first + span * DAY_IN_MS; day += DAY_IN_MS) {
        if (new Date(day).getUTCFullYear() !== year) continue;
        const names = days.get(day) ?? [];
        if (!names.includes(holiday.name)) names.push(holiday.name);
        days.set(day, names);
      }
    }
    years.set(year, days);
    return days;
  };
  return {
    label: [config.country, config.region].filter(Boolean).join('-'),
    namesOn(localMs) {
      const day = Math.floor(localMs / DAY_IN_MS) * DAY_IN_MS;
      return yearDays(new Date(day).getUTCFullYear()).get(day) ?? [];
    },
  };
}
