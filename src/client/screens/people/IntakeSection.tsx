// The participant's intake questionnaire, as sent: what the pairing suggestions read.
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { t } from '../../i18n/i18n';
import { loadIntake } from '../../models/matching-model';
import { AnswersView } from '../../ui/AnswersView';

export function IntakeSection(props: { personId: string }) {
  const queries = useQueries();
  const intake = useLiveQuery(() => loadIntake(queries, props.personId), [props.personId]);
  return (
    <section class="panel" aria-labelledby="intake">
      <h2 id="intake">{t('person.intake')}</h2>
      {intake ? (
        <AnswersView questions={intake.questions} answers={intake.answers} />
      ) : (
        <p>{t('person.noIntake')}</p>
      )}
    </section>
  );
}
