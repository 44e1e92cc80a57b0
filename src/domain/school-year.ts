// School years: from 1 September to 31 August, as Russian schools count them.

/** The school year a date falls in: September to August. */
export function schoolYearOf(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return month >= 9 ? `${year}-${year + 1}` : `${year - 1}-${year}`;
}

/**
 * The earliest day a meeting may be dated on `today`: the first day of the previous school year. A
 * programme runs by school years, and meetings of this year and the last are recorded after the fact; an
 * older date is a mistyped year («2019» for «2025»), which counted in the monthly figures and made a pair
 * formed today look idle for years.
 */
export function earliestMeetingDay(today: string): string {
  const first = Number(schoolYearOf(today).slice(0, 4));
  return `${first - 1}-09-01`;
}
