import { t } from '../i18n/i18n';
import { Notice } from './Page';

/** A host name only this computer reaches: a phone given it opens nothing. */
const THIS_COMPUTER = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * Beside a code to hand over: where a phone enters it, for whoever does not scan the QR code, and a
 * warning when the app is open at this computer's own address — the QR code then leads nowhere either.
 */
export function EnrolAddress(props: { origin: string; hostname: string }) {
  return (
    <>
      <p data-testid="enrol-address">{t('invite.how', { address: props.origin })}</p>
      {THIS_COMPUTER.test(props.hostname) && (
        <Notice kind="error">{t('invite.thisComputer', { address: props.origin })}</Notice>
      )}
    </>
  );
}
