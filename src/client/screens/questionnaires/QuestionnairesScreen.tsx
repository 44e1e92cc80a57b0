// The curator's questionnaires: built-in and own, with how many were sent back.
import { useApp } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { builtinText, t } from '../../i18n/i18n';
import { loadQuestionnaireList } from '../../models/questionnaire-admin-model';
import { copyTemplate } from '../../models/questionnaire-edit-model';
import { useNewRecordId } from '../../state/new-record-id';
import { usePending } from '../../state/pending';
import { useNavigate } from '../../ui/navigate';
import { Page } from '../../ui/Page';

export function QuestionnairesScreen() {
  const { repo } = useApp();
  const queries = useQueries();
  const route = useNavigate();
  const rows = useLiveQuery(() => loadQuestionnaireList(queries), []);
  const pending = usePending();
  const newId = useNewRecordId();
  const create = async () => {
    const result = await repo.create(
      'formTemplate',
      {
        title: t('questionnaires.newTitle'),
        description: null,
        kind: 'custom',
        sections: [],
        questions: [
          {
            id: 'q1',
            kind: 'scale',
            text: t('questionnaires.firstQuestion'),
            required: true,
            min: 1,
            max: 10,
          },
        ],
        visibleToMentor: false,
        version: 1,
        builtIn: null,
        previousId: null,
        archived: false,
      },
      newId,
    );
    if (result.ok) route(`/forms/${result.id}/edit`);
  };
  return (
    <Page title={t('questionnaires.title')}>
      <button
        type="button"
        class="button--primary"
        disabled={pending.isPending}
        onClick={() => void pending.run(create)}
      >
        {t('questionnaires.new')}
      </button>
      <ul class="cards" data-testid="templates">
        {rows?.map(({ template, assigned, sent }) => (
          <li class="card" key={template.id}>
            <a class="card__link" href={`/forms/${template.id}`}>
              <span class="card__title">{builtinText(template.fields.title ?? '')}</span>
              <span class="card__meta">
                {template.fields.builtIn ? `${t('questionnaires.builtIn')} · ` : ''}
                {t('questionnaires.answered', { sent, assigned })}
              </span>
            </a>
            <div class="actions">
              <a class="button" href={`/forms/${template.id}/assign`}>
                {t('questionnaires.assign')}
              </a>
              <button
                type="button"
                onClick={() =>
                  void copyTemplate(
                    repo,
                    template,
                    t('questionnaires.copyTitle', { title: template.fields.title ?? '' }),
                  ).then((r) => r.ok && route(`/forms/${r.id}/edit`))
                }
              >
                {t('questionnaires.copy')}
              </button>
              {!template.fields.builtIn && (
                <a class="button" href={`/forms/${template.id}/edit`}>
                  {t('questionnaires.edit')}
                </a>
              )}
            </div>
          </li>
        ))}
      </ul>
    </Page>
  );
}
