// Import a class list from CSV, text or XLSX: a preview that says how the file was read, reports every
// row that cannot be imported, and lets the curator decide on likely duplicates; the chosen rows arrive
// together, in one transaction, or none do.
import { useRef, useState } from 'preact/hooks';
import { classMoves } from '../../../domain/import-class-moves';
import {
  type ExistingPerson,
  type ImportPlan,
  type PersonDraft,
  planSheets,
  type RowError,
} from '../../../domain/import-people';
import { useApp } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { type ReadTable, readTable } from '../../files/read-table';
import { formatDay, todayIso } from '../../i18n/format';
import { type MessageKey, t } from '../../i18n/i18n';
import { usePending } from '../../state/pending';
import { CheckboxField } from '../../ui/fields';
import { Notice, Page } from '../../ui/Page';
import { saveMessage } from '../../ui/save-message';

const ENCODINGS = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1251': 'Windows-1251',
};

function sourceText(source: ReadTable['source'], sheets: readonly string[]): string {
  if (source.format === 'xlsx')
    return sheets.length > 1
      ? t('import.source.xlsxSheets', { sheets: sheets.map((s) => `«${s}»`).join(', ') })
      : t('import.source.xlsx', { sheet: sheets[0] ?? source.firstSheet });
  if (source.format === 'html') return t('import.source.html');
  const separator = source.separator === '\t' ? t('import.separator.tab') : `«${source.separator}»`;
  return t('import.source.csv', { encoding: ENCODINGS[source.encoding], separator });
}

/** Where a row is: its number, and its sheet when the workbook's sheets were read together. */
type At = { row: number; sheet?: string };
const rowKey = (at: At) => `${at.sheet ?? ''}#${at.row}`;
const rowLabel = (at: At): string | number =>
  at.sheet === undefined ? at.row : t('import.rowOnSheet', { row: at.row, sheet: at.sheet });

/**
 * How many rows of each list the preview draws: a file of thousands of rows drew every one and froze the
 * tab. Every row is still imported; the summary counts them all.
 */
const SHOWN = 200;
const ShownFirst = ({ n }: { n: number }) =>
  n > SHOWN ? <p class="muted">{t('import.shownFirst', { shown: SHOWN, n })}</p> : null;

/** An error's words; a row it names on another sheet says its sheet. */
function errorText(e: RowError): string {
  const { row, sheet } = e.params;
  const params =
    typeof row === 'number' && typeof sheet === 'string'
      ? { ...e.params, row: rowLabel({ row, sheet }) }
      : e.params;
  return t(`import.err.${e.code}` as MessageKey, params);
}
const cls = (c: string | null) => c ?? t('import.noClass');

export function ImportScreen() {
  const { repo } = useApp();
  const queries = useQueries();
  const [read, setRead] = useState<{
    plan: ImportPlan;
    source: ReadTable['source'];
    sheets: ReadTable['sheets'];
  } | null>(null);
  /** Rows of likely duplicates the curator says are other people. */
  const [others, setOthers] = useState<ReadonlySet<string>>(new Set());
  const [fileName, setFileName] = useState('');
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  /** The file's rows against the base as the device holds it now. */
  const planAgainstBase = async (sheets: ReadTable['sheets']): Promise<ImportPlan> => {
    const existing: ExistingPerson[] = (await queries.people()).map((p) => ({
      id: p.id,
      fullName: p.fields.fullName ?? '',
      classOrSubject: p.fields.classOrSubject ?? null,
      birthDate: p.fields.birthDate ?? null,
    }));
    return planSheets(sheets, existing, todayIso());
  };

  // The file chosen last: a file read more slowly than one chosen after it must not take its place.
  const lastChoice = useRef(0);
  // An import under way: its choices are those of the tap, so they are not open to change meanwhile.
  const importing = usePending();

  const choose = async (file: File | undefined) => {
    const choice = ++lastChoice.current;
    setMessage(null);
    setRead(null);
    setOthers(new Set());
    if (!file) return;
    setFileName(file.name);
    try {
      const result = await readTable(file);
      if (choice !== lastChoice.current) return;
      if (!result.ok) return setMessage({ kind: 'error', text: t(`import.${result.code}`, result.params) });
      const { sheets, source } = result.table;
      const plan = await planAgainstBase(sheets);
      if (choice === lastChoice.current) setRead({ plan, source, sheets });
    } catch (e) {
      if (choice !== lastChoice.current) return;
      setMessage({
        kind: 'error',
        text: t('import.unreadable', { reason: e instanceof Error ? e.message : String(e) }),
      });
    }
  };

  const plan = read?.plan;
  const chosen: PersonDraft[] = plan
    ? [...plan.people, ...plan.likely.filter((l) => others.has(rowKey(l)))]
        .sort(
          (a, b) => plan.sheets.indexOf(a.sheet ?? '') - plan.sheets.indexOf(b.sheet ?? '') || a.row - b.row,
        )
        .map((p) => p.person)
    : [];

  // Who already in the base takes the class the file gives (as in September's lists, a class up).
  const moves = plan ? classMoves(plan, (at) => others.has(rowKey(at))) : [];

  const run = async () => {
    if (!read || !plan) return;
    // The base may have changed since the preview (a sync brought another curator's edits, a person
    // was deleted): planned again, a preview that no longer tells the truth is shown anew, not imported.
    // (The moves follow from the plan and the curator's choices, which stay as they are.)
    const now = await planAgainstBase(read.sheets);
    if (JSON.stringify(now) !== JSON.stringify(plan)) {
      setRead({ ...read, plan: now });
      return setMessage({ kind: 'error', text: t('import.baseChanged') });
    }
    const result = await repo.createMany(
      'person',
      chosen.map((p) => ({
        fullName: p.fullName,
        kind: p.kind,
        classOrSubject: p.classOrSubject,
        minor: p.minor,
        ...(p.birthDate ? { birthDate: p.birthDate } : {}),
        ...(p.contacts ? { contacts: p.contacts } : {}),
        ...(p.archived ? { archived: true } : {}),
        ...(p.trained ? { trained: true } : {}),
      })),
      moves.map((m) => ({ id: m.id, fields: { classOrSubject: m.to } })),
    );
    if (!result.ok) return setMessage(saveMessage(result));
    setMessage({
      kind: 'success',
      text:
        result.updated.length > 0
          ? t('import.doneMoves', { n: result.ids.length, m: result.updated.length })
          : t('import.done', { n: result.ids.length }),
    });
    setRead(null);
  };

  const toggle = (row: string, on: boolean) => {
    const next = new Set(others);
    if (on) next.add(row);
    else next.delete(row);
    setOthers(next);
  };
  const hasBirthDates = chosen.some((p) => p.birthDate);
  const hasContacts = chosen.some((p) => p.contacts);
  const hasArchived = chosen.some((p) => p.archived);
  const hasTrained = chosen.some((p) => p.trained);

  return (
    <Page title={t('import.title')} back="/people">
      <p>{t('import.intro')}</p>
      <div class="field">
        <label for="import-file">{t('import.file')}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.txt,.tsv,.xlsx,.xls,.ods,.htm,.html,text/csv,text/plain,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={importing.isPending}
          onChange={(e) => void choose(e.currentTarget.files?.[0])}
        />
      </div>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {read && plan && (
        <section aria-labelledby="preview">
          <h2 id="preview">{t('import.preview', { file: fileName })}</h2>
          <p class="muted" data-testid="import-source">
            {sourceText(read.source, plan.sheets)}
            {plan.headerRow > 0 ? ` ${t('import.headerRow', { row: plan.headerRow })}` : ''}
          </p>
          {plan.unread.length > 0 && (
            <p class="muted" data-testid="import-unread">
              {t('import.unread', {
                n: plan.unread.length,
                columns: plan.unread.map((heading) => `«${heading}»`).join(', '),
              })}
            </p>
          )}
          <p data-testid="import-summary">
            {t('import.summary', {
              ok: plan.people.length,
              bad: plan.errors.length,
              dup: plan.existing.length,
            })}
          </p>
          {plan.errors.length > 0 && (
            <Notice kind="error">
              <p>{t('import.errors')}</p>
              <ul data-testid="import-errors">
                {plan.errors.slice(0, SHOWN).map((e) => (
                  <li key={rowKey(e)}>{t('import.rowError', { row: rowLabel(e), reason: errorText(e) })}</li>
                ))}
              </ul>
              <ShownFirst n={plan.errors.length} />
            </Notice>
          )}
          {plan.likely.length > 0 && (
            <section class="panel" aria-labelledby="likely" data-testid="import-likely">
              <h3 id="likely">{t('import.likelyTitle', { n: plan.likely.length })}</h3>
              <p class="muted">{t('import.likelyHint')}</p>
              <ul>
                {plan.likely.slice(0, SHOWN).map((l) => (
                  <li key={rowKey(l)}>
                    <p>
                      {'person' in l.of
                        ? t(l.of.isMovedUp ? 'import.likelyMovedUp' : 'import.likelyBase', {
                            row: rowLabel(l),
                            name: l.person.fullName,
                            cls: cls(l.person.classOrSubject),
                            other: l.of.person.fullName,
                            otherCls: cls(l.of.person.classOrSubject),
                          })
                        : t('import.likelyFile', {
                            row: rowLabel(l),
                            name: l.person.fullName,
                            cls: cls(l.person.classOrSubject),
                            otherRow: rowLabel(l.of),
                            other: l.of.fullName,
                            otherCls: cls(l.of.classOrSubject),
                          })}
                    </p>
                    <CheckboxField
                      label={t('import.otherPerson', { row: rowLabel(l) })}
                      checked={others.has(rowKey(l))}
                      disabled={importing.isPending}
                      onValue={(on) => toggle(rowKey(l), on)}
                    />
                  </li>
                ))}
              </ul>
              <ShownFirst n={plan.likely.length} />
            </section>
          )}
          {plan.skipped.length > 0 && (
            <details class="panel" data-testid="import-skipped">
              <summary>{t('import.skippedTitle', { n: plan.skipped.length })}</summary>
              <ul>
                {plan.skipped.slice(0, SHOWN).map((s) => (
                  <li key={rowKey(s)}>{t(`import.skip.${s.code}`, { ...s.params, row: rowLabel(s) })}</li>
                ))}
              </ul>
              <ShownFirst n={plan.skipped.length} />
            </details>
          )}
          {moves.length > 0 && (
            <section class="panel" aria-labelledby="moves" data-testid="import-moves">
              <h3 id="moves">{t('import.movesTitle', { n: moves.length })}</h3>
              <p class="muted">{t('import.movesHint')}</p>
              <ul>
                {moves.slice(0, SHOWN).map((m) => (
                  <li key={rowKey(m)}>
                    {t('import.moveRow', { row: rowLabel(m), name: m.fullName, from: cls(m.from), to: m.to })}
                  </li>
                ))}
              </ul>
              <ShownFirst n={moves.length} />
            </section>
          )}
          {plan.existing.length > 0 && (
            <details class="panel">
              <summary>{t('import.existingTitle', { n: plan.existing.length })}</summary>
              <ul>
                {plan.existing.slice(0, SHOWN).map((e) => (
                  <li key={rowKey(e)}>
                    {t('import.existingRow', {
                      row: rowLabel(e),
                      name: e.person.fullName,
                      cls: cls(e.person.classOrSubject),
                    })}
                  </li>
                ))}
              </ul>
              <ShownFirst n={plan.existing.length} />
            </details>
          )}
          <div class="table-wrap">
            <table class="data data--stack" data-testid="import-people">
              <thead>
                <tr>
                  <th scope="col">{t('people.fullName')}</th>
                  <th scope="col">{t('people.kind')}</th>
                  <th scope="col">{t('people.classOrSubject')}</th>
                  {hasBirthDates && <th scope="col">{t('person.birthDate')}</th>}
                  <th scope="col">{t('people.minor')}</th>
                  {hasContacts && <th scope="col">{t('person.contacts')}</th>}
                  {hasTrained && <th scope="col">{t('person.trained')}</th>}
                  {hasArchived && <th scope="col">{t('person.archived')}</th>}
                </tr>
              </thead>
              <tbody>
                {chosen.slice(0, SHOWN).map((p, i) => (
                  <tr key={`${i}-${p.fullName}`}>
                    <td>{p.fullName}</td>
                    <td data-label={t('people.kind')}>{t(`people.kind.${p.kind}` as MessageKey)}</td>
                    <td data-label={t('people.classOrSubject')}>{p.classOrSubject ?? ''}</td>
                    {hasBirthDates && (
                      <td data-label={t('person.birthDate')}>{p.birthDate ? formatDay(p.birthDate) : ''}</td>
                    )}
                    <td data-label={t('people.minor')}>{p.minor ? t('fill.yes') : t('fill.no')}</td>
                    {hasContacts && <td data-label={t('person.contacts')}>{p.contacts ?? ''}</td>}
                    {hasTrained && (
                      <td data-label={t('person.trained')}>{p.trained ? t('fill.yes') : t('fill.no')}</td>
                    )}
                    {hasArchived && (
                      <td data-label={t('person.archived')}>{p.archived ? t('fill.yes') : t('fill.no')}</td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ShownFirst n={chosen.length} />
          <button
            type="button"
            class="button--primary button--big"
            disabled={(chosen.length === 0 && moves.length === 0) || importing.isPending}
            aria-busy={importing.isPending}
            onClick={() => void importing.run(run)}
          >
            {moves.length > 0
              ? t('import.runMoves', { n: chosen.length, m: moves.length })
              : t('import.run', { n: chosen.length })}
          </button>
        </section>
      )}
    </Page>
  );
}
