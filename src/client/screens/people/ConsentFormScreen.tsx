// A printable consent form to personal-data processing, filled in with the participant's name; a parent
// signs for a minor. Printed from the browser.
import { useRoute } from 'preact-iso';
import { PROGRAMME_ID } from '../../../domain/record-types';
import { useApp } from '../../app/context';
import { allOf, useLiveQuery } from '../../db/live';
import { t } from '../../i18n/i18n';
import { Page } from '../../ui/Page';
import { DEFAULT_SCOPE } from './ConsentSection';

export function ConsentFormScreen() {
  const { params } = useRoute();
  const id = params.id as string;
  const { queries } = useApp();
  const data = useLiveQuery(() => allOf([queries.person(id), queries.programme(PROGRAMME_ID)]), [id]);
  if (!data?.[0]) return <Page title={t('consent.formTitle')}>{null}</Page>;
  const [person, programme] = data;
  const name = String(person.fields.fullName);
  const school = String(programme?.fields.schoolName ?? '________________________________');
  const isMinor = person.fields.minor === true;
  return (
    <Page title={t('consent.formTitle')} back={`/people/${id}`}>
      <button type="button" class="no-print" onClick={() => print()}>
        {t('order.print')}
      </button>
      <article class="document" data-testid="consent-form">
        <h2 class="document__title">СОГЛАСИЕ НА ОБРАБОТКУ ПЕРСОНАЛЬНЫХ ДАННЫХ</h2>
        <p>
          Я, __________________________________________________________________,
          {isMinor ? ' являясь родителем (законным представителем) несовершеннолетнего ' : ' '}
          <strong>{name}</strong>
          {person.fields.classOrSubject ? `, ${String(person.fields.classOrSubject)}` : ''}, в соответствии с
          Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных» даю согласие {school} на
          обработку {isMinor ? 'его (её) ' : 'моих '}
          персональных данных в целях участия в программе наставничества (целевая модель наставничества,
          распоряжение Минпросвещения России от 25.12.2019 № Р-145).
        </p>
        <p>Перечень данных: {DEFAULT_SCOPE.toLowerCase()}.</p>
        <p>
          Согласие действует до окончания участия в программе и может быть отозвано мною в любой момент
          письменным заявлением.
        </p>
        <p class="document__signature">
          «____» ______________ 20___ г. &nbsp;&nbsp; ____________ / ____________________
        </p>
      </article>
    </Page>
  );
}
