// A curator's home: the home of every role with the curator's part on top (set-up guide, the school's
// counts). Its own chunk, loaded with all the app's strings: a mentor's or a mentee's phone never
// downloads it.
import { useSession } from '../../app/context';
import { t } from '../../i18n/i18n';
import { CuratorHome } from './CuratorHome';
import { Home } from './HomeScreen';

export function CuratorHomeScreen() {
  const session = useSession();
  return (
    <Home
      curatorPart={<CuratorHome curatorId={session.personId} />}
      nameYourself={
        <p class="notice notice--info" data-testid="home-name-yourself">
          {t('curatorHome.nameYourself')}{' '}
          <a href={`/people/${session.personId}`}>{t('curatorHome.nameYourselfLink')}</a>
        </p>
      }
    />
  );
}
