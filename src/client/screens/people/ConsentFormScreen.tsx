// A printable consent form to personal-data processing, filled in with the participant's name; a parent
// signs for a minor, whose name then stands in the genitive («несовершеннолетнего Иванова Ивана») with
// the words that agree with it. Printed from the browser.
import { useRoute } from 'preact-iso';
import { tidyName } from '../../../domain/fold-text';
import { isMinor } from '../../../domain/minor';
import { PROGRAMME_ID } from '../../../domain/record-type-names';
import { useQueries } from '../../app/use-queries';
import { allOf, useLiveQuery } from '../../db/live';
import { todayIso } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { byGender, genitiveOf } from '../../i18n/name-cases';
import { Page } from '../../ui/Page';
import { DEFAULT_SCOPE } from './ConsentSection';

export function ConsentFormScreen() {
  const { params } = useRoute();
  const id = params.id as string;
  const queries = useQueries();
  const data = useLiveQuery(() => allOf([queries.person(id), queries.programme(PROGRAMME_ID)]), [id]);
  if (!data?.[0]) return <Page title={t('consent.formTitle')}>{null}</Page>;
  const [person, programme] = data;
  // A name typed by hand or imported before the import tidied names may hide a Latin «o» in «Смирнoва»:
  // the document prints it, and the declension reads it, in Cyrillic.
  const name = tidyName(person.fields.fullName ?? '');
  const school = programme?.fields.schoolName ?? '________________________________';
  const isMinorNow = isMinor(person.fields, todayIso());
  const child = genitiveOf(name);
  const place = person.fields.classOrSubject ? `, ${person.fields.classOrSubject ?? ''},` : ',';
  // The list of data keeps its capitals («ФИО»): only the sentence's first letter is lowered.
  const scope = DEFAULT_SCOPE.charAt(0).toLocaleLowerCase('ru') + DEFAULT_SCOPE.slice(1);
  return (
    <Page title={t('consent.formTitle')} back={`/people/${id}`}>
      <button type="button" class="no-print" onClick={() => print()}>
        {t('order.print')}
      </button>
      <article class="document" data-testid="consent-form">
        <h2 class="document__title">СОГЛАСИЕ НА ОБРАБОТКУ ПЕРСОНАЛЬНЫХ ДАННЫХ</h2>
        {isMinorNow ? (
          <p>
            Я, __________________________________________________________________, являясь родителем (законным
            представителем) {byGender(child.gender, 'несовершеннолетнего', 'несовершеннолетней')}{' '}
            <strong data-testid="consent-person">{child.name}</strong>
            {place} в соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных» даю
            согласие {school} на обработку {byGender(child.gender, 'его', 'её')} персональных данных в целях
            участия в программе наставничества (целевая модель наставничества, распоряжение Минпросвещения
            России от 25.12.2019 № Р-145).
          </p>
        ) : (
          <p>
            Я, <strong data-testid="consent-person">{name}</strong>
            {place} в соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных» даю
            согласие {school} на обработку моих персональных данных в целях участия в программе наставничества
            (целевая модель наставничества, распоряжение Минпросвещения России от 25.12.2019 № Р-145).
          </p>
        )}
        <p>Перечень данных: {scope}.</p>
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
