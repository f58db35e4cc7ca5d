import { describe, expect, it } from 'vitest';
import { addCalendarDays, buildCalendar } from '../../platform/calendar/calendar';
import { OFFICIAL_SCHEDULES } from '../../platform/calendar/holidays-cn';
import { ASSET_TYPE_CONFIG, ASSET_TYPES } from './asset-types';
import { bidderNumber, defaultsOf, earliestListingEnd, listingOutcome, listingProblems } from './listing.rules';

const cal = buildCalendar(OFFICIAL_SCHEDULES);
const property = ASSET_TYPE_CONFIG.propertyRights;
const land = ASSET_TYPE_CONFIG.land;
const draft = { listedPriceFen: 100_000_000, reserveFen: null, incrementFen: 1_000_000, depositFen: 10_000_000, publishedOn: '2026-03-02' };

describe('listing periods', () => {
  it('LA-01: a state-owned property listing runs at least 20 working days, the publication day not counted', () => {
    // 2026-03-02 is a Monday: the 20th working day after it is Monday 30 March.
    expect(earliestListingEnd(cal, property, defaultsOf(property), '2026-03-02')).toBe('2026-03-30');
    expect(listingProblems(cal, property, defaultsOf(property), { ...draft, endsOn: '2026-03-30' })).toEqual([]);
    expect(listingProblems(cal, property, defaultsOf(property), { ...draft, endsOn: '2026-03-27' }).map((p) => [p.ruleId, p.code])).toEqual([['LA-01', 'LISTING_PERIOD_TOO_SHORT']]);
  });
  it('LA-01 counts working days around a holiday: 20 working days from before 劳动节 end later than 28 calendar days', () => {
    const end = earliestListingEnd(cal, property, defaultsOf(property), '2026-04-20');
    expect(cal.workingDaysBetween('2026-04-20', end)).toBe(20);
    expect(cal.workingDaysBetween('2026-04-20', addCalendarDays(end, -1))).toBe(19);
    expect(end > addCalendarDays('2026-04-20', 28)).toBe(true);
  });
  it('LA-02: a land listing runs at least 10 days', () => {
    expect(listingProblems(cal, land, defaultsOf(land), { ...draft, endsOn: '2026-03-12' })).toEqual([]);
    expect(listingProblems(cal, land, defaultsOf(land), { ...draft, endsOn: '2026-03-11' }).map((p) => p.ruleId)).toEqual(['LA-02']);
  });
  it('takes the jurisdiction’s value from the settings', () => {
    expect(listingProblems(cal, land, { ...defaultsOf(land), minimumListingAmount: 11 }, { ...draft, endsOn: '2026-03-12' }).map((p) => p.ruleId)).toEqual(['LA-02']);
  });
});

describe('prices and deposits', () => {
  it('LA-06: a judicial auction’s deposit is 5 % to 20 % of the starting price, both included', () => {
    const j = ASSET_TYPE_CONFIG.judicialAuction;
    const ok = (depositFen: number) => listingProblems(cal, j, defaultsOf(j), { ...draft, depositFen, endsOn: '2026-03-31' }).length === 0;
    expect([ok(5_000_000), ok(4_999_999), ok(20_000_000), ok(20_000_001)]).toEqual([true, false, true, false]);
  });
  it('LA-09: the reserve is not below the listed price', () => {
    expect(listingProblems(cal, property, defaultsOf(property), { ...draft, reserveFen: 99_999_999, endsOn: '2026-03-30' }).map((p) => p.code)).toEqual(['RESERVE_BELOW_START']);
  });
});

describe('the end of the listing (LA-03)', () => {
  it('one qualified bidder takes a property at the listed price; a judicial auction still goes to auction', () => {
    expect(listingOutcome(property, 1, 100_000_000)).toEqual({ next: 'transfer', priceFen: 100_000_000 });
    expect(listingOutcome(ASSET_TYPE_CONFIG.judicialAuction, 1, 100_000_000)).toEqual({ next: 'auction' });
    expect(listingOutcome(property, 2, 100_000_000)).toEqual({ next: 'auction' });
    expect(listingOutcome(property, 0, 100_000_000)).toEqual({ next: 'failed' });
  });
  it('every asset type is configured', () => {
    for (const t of ASSET_TYPES) expect(ASSET_TYPE_CONFIG[t].type).toBe(t);
  });
  it('gives distinct anonymous bidder numbers', () => {
    const numbers = Array.from({ length: 500 }, (_, i) => bidderNumber(i + 1, 4242));
    expect(new Set(numbers).size).toBe(500);
  });
});
