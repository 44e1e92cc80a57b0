import { renderSVG } from 'uqr';

/** An enrolment code as a QR code to scan with the phone's camera. */
export function QrCode(props: { text: string; label: string }) {
  const svg = renderSVG(props.text, { border: 2 });
  return <div class="qr" role="img" aria-label={props.label} dangerouslySetInnerHTML={{ __html: svg }} />;
}
