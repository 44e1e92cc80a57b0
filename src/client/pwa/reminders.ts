// Optional reminders: at most once a day, when the app opens or comes back to the screen, a notification
// lists overdue IDP tasks and pairs with no meeting for two weeks. Nothing is sent from a server.
import { isMeetingOverdue, isPairRunning, MEETING_GAP_DAYS } from '../../domain/nudges';
import type { SyncedRecord } from '../../domain/record';
import type { NastavnikDb } from '../db/database';
import type { HomeQueries } from '../db/home-queries';
import { getMeta, setMeta } from '../db/meta';
import { todayIso } from '../i18n/format';
import { t } from '../i18n/i18n';
import { schoolNow } from '../state/school-clock';

export async function remindersEnabled(db: NastavnikDb): Promise<boolean> {
  return (
    (await getMeta<boolean>(db, 'reminders')) === true && globalThis.Notification?.permission === 'granted'
  );
}

export async function enableReminders(db: NastavnikDb, isOn: boolean): Promise<boolean> {
  if (isOn && globalThis.Notification && Notification.permission !== 'granted') {
    if ((await Notification.requestPermission()) !== 'granted') return false;
  }
  await setMeta(db, 'reminders', isOn);
  return isOn;
}

/** What a reminder would say today, or null when there is nothing to remind of. */
export async function reminderText(
  queries: HomeQueries,
  personId: string,
  today: string,
): Promise<string | null> {
  // A pair that has ended asks nothing more of anyone: its meetings and open tasks are not reminded of.
  const running = (pairs: SyncedRecord<'pair'>[]) => pairs.filter((p) => isPairRunning(p.fields.status));
  const asMentor = running(await queries.pairsAsMentor(personId));
  const pairs = [...asMentor, ...running(await queries.pairsAsMentee(personId))];
  if (pairs.length === 0) return null;
  const since = new Date(Date.parse(`${today}T00:00:00Z`) - MEETING_GAP_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const met = await queries.pairsMetSince(
    asMentor.map((p) => p.id),
    since,
    today,
  );
  // Meetings are the mentor's to arrange: a mentee is reminded of their own plan's tasks only.
  const gaps = asMentor.filter((p) => isMeetingOverdue(p, met.has(p.id), today)).length;
  const plans = await queries.plansOfPairs(pairs.map((p) => p.id));
  const isMine = (plan: (typeof plans)[number]) => plan.fields.menteeId === personId;
  const planIds = new Set(plans.filter((p) => !isMine(p)).map((p) => p.id));
  const myPlanIds = new Set(plans.filter(isMine).map((p) => p.id));
  const overdueAll = await queries.overdueTasks(today);
  const overdue = overdueAll.filter((task) => planIds.has(task.fields.planId ?? '')).length;
  const myOverdue = overdueAll.filter((task) => myPlanIds.has(task.fields.planId ?? '')).length;
  const parts = [
    myOverdue ? t('home.mentee.overdueSummary', { n: myOverdue }) : '',
    overdue ? t('home.overdueSummary', { n: overdue }) : '',
    gaps ? t('home.gapSummary', { n: gaps, days: MEETING_GAP_DAYS }) : '',
  ].filter(Boolean);
  return parts.length ? parts.join('. ') : null;
}

export async function maybeRemind(
  db: NastavnikDb,
  queries: HomeQueries,
  now: Date = schoolNow(),
): Promise<void> {
  const session = await queries.session();
  if (!session || !(await remindersEnabled(db))) return;
  const today = todayIso(now);
  if ((await getMeta<string>(db, 'lastReminderDay')) === today) return;
  const body = await reminderText(queries, session.personId, today);
  if (!body) return;
  // `ready` waits for the worker that a page opened a moment ago is still installing.
  const registration = await navigator.serviceWorker?.ready;
  if (!registration) return;
  // The day is marked before the reminder is shown, not after: showing can take a while, and a page left
  // meanwhile (the app opened again) would remind a second time. A reminder the system then fails to
  // show is not tried again that day: once a day at most is the promise.
  await setMeta(db, 'lastReminderDay', today);
  await registration.showNotification(t('app.name'), {
    body,
    tag: 'nastavnik-reminder',
    icon: '/icon-192.png',
  });
}
