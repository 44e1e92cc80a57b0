import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from '../i18n/i18n';

export function Page(props: {
  title: string;
  back?: string;
  children: ComponentChildren;
  actions?: ComponentChildren;
}) {
  useEffect(() => {
    document.title = `${props.title} — ${t('app.name')}`;
  }, [props.title]);
  return (
    <main id="main" class="page" tabIndex={-1}>
      {props.back && (
        <a class="back" href={props.back}>
          ← {t('nav.back')}
        </a>
      )}
      <div class="page__head">
        <h1>{props.title}</h1>
        {props.actions}
      </div>
      {props.children}
    </main>
  );
}

export function Notice(props: { kind?: 'info' | 'error' | 'success'; children: ComponentChildren }) {
  const kind = props.kind ?? 'info';
  return (
    <div class={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}
