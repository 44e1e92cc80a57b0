// The roadmap of the school year: six stages with deadlines and who is responsible, progress taken from
// the data where the data says it, ticked by hand where it does not. The programme's settings have a
// screen of their own (/programme), where a curator looks first.

import { PROGRAMME_ID } from '../../../domain/record-type-names';
import { NESTED_TEXT_MAX } from '../../../domain/record-types';
import { ROADMAP_STAGES, stageProgress } from '../../../domain/roadmap';
import { useApp } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { formatDay, todayIso } from '../../i18n/format';
import { builtinText, t } from '../../i18n/i18n';
import { loadMonitoring } from '../../models/monitoring-model';
import { type Stage, saveStage, stagesOf } from '../../models/programme-model';
import { unsavedKey } from '../../state/unsaved-key';
import { CheckboxField } from '../../ui/fields';
import { LiveTextField } from '../../ui/LiveTextField';
import { Page } from '../../ui/Page';

export function RoadmapScreen() {
  const { repo } = useApp();
  const queries = useQueries();
  const today = todayIso();
  const data = useLiveQuery(() => loadMonitoring(queries, today), [today]);
  const materials = useLiveQuery(() => queries.materials().then((rows) => rows.length), []);
  if (!data) return <Page title={t('roadmap.title')}>{null}</Page>;
  const programme = data.programme;
  const stages = stagesOf(programme, today);
  const setStage = (key: string, patch: Partial<Stage>) => saveStage(repo, key, patch, today);
  return (
    <Page title={t('roadmap.title')}>
      <p>
        <a href="/programme">{t('roadmap.settings')}</a>
      </p>
      <ol class="roadmap" data-testid="roadmap">
        {ROADMAP_STAGES.map((def) => {
          const stage = stages.find((s) => s.key === def.key) as Stage;
          const progress = stageProgress(def.key, data.roadmap);
          const isLate =
            !stage.done && stage.deadline !== null && stage.deadline < today && (progress.percent ?? 0) < 100;
          return (
            <li key={def.key} class="panel">
              <h2>
                {def.key}. {t(`roadmap.stage.${def.key}`)}
              </h2>
              <p class={isLate ? 'nudge--urgent' : 'muted'}>
                {stage.deadline ? t('roadmap.deadline', { date: formatDay(stage.deadline) }) : ''}
                {isLate ? ` · ${t('roadmap.late')}` : ''}
              </p>
              {progress.percent !== null && (
                <>
                  <span class="meter" aria-hidden="true">
                    <span class="meter__bar" style={{ width: `${progress.percent}%` }} />
                  </span>
                  <p>{t('roadmap.progress', { n: progress.percent })}</p>
                </>
              )}
              <ul class="muted">
                {progress.measures.map((m) => (
                  <li key={m.key}>
                    {t('roadmap.measure', { label: t(`roadmap.m.${m.key}`), done: m.done, of: m.of })}
                  </li>
                ))}
              </ul>
              {def.key === '3' && (
                <p>
                  <a href="/materials">{t('roadmap.materials', { n: materials ?? 0 })}</a>
                </p>
              )}
              <div class="form__grid">
                <LiveTextField
                  label={t('roadmap.deadlineLabel')}
                  type="date"
                  value={stage.deadline ?? ''}
                  keepAs={unsavedKey('programme', PROGRAMME_ID, `stages.${def.key}.deadline`)}
                  onSave={(v) => setStage(def.key, { deadline: v || null })}
                />
                <LiveTextField
                  label={t('roadmap.responsible')}
                  // As preset, in the UI's language (the record keeps the Russian; a typed text as typed).
                  value={builtinText(stage.responsible ?? '')}
                  maxLength={NESTED_TEXT_MAX.stageResponsible}
                  keepAs={unsavedKey('programme', PROGRAMME_ID, `stages.${def.key}.responsible`)}
                  onSave={(v) => setStage(def.key, { responsible: v || null })}
                />
              </div>
              <CheckboxField
                label={t('roadmap.done')}
                checked={stage.done}
                onValue={(done) => setStage(def.key, { done })}
              />
            </li>
          );
        })}
      </ol>
    </Page>
  );
}
