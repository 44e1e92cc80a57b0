// Methodological materials for mentors (roadmap stage 3): curators keep the list, everyone reads it,
// offline too (a link itself opens only with a network, unless the phone has the file).
import { useState } from 'preact/hooks';
import * as v from 'valibot';
import { webLink } from '../../../domain/field-schemas';
import type { SyncedRecord } from '../../../domain/record';
import { maxTextLength } from '../../../domain/record-types';
import { useApp, useSession } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { t } from '../../i18n/i18n';
import { useNewRecordDraft } from '../../state/draft';
import { showToast } from '../../state/toast';
import { withUndo } from '../../state/undo-toast';
import { TextArea, TextField } from '../../ui/fields';
import { Notice, Page } from '../../ui/Page';
import { Form } from '../../ui/pending';
import { saveMessage } from '../../ui/save-message';

const LINK = webLink();
/** Records come validated, but a link is only ever rendered when it is http(s). */
const safeLink = (url: unknown) => (v.is(LINK, url) ? url : null);

const EMPTY = { title: '', url: '', description: '' };

function MaterialForm() {
  const { repo, drafts } = useApp();
  // What is typed is a draft on the device (a reload or a closed tab keeps it), gone once added.
  const draft = useNewRecordDraft(drafts, 'material:new', () => EMPTY);
  const { title, url, description } = draft.value ?? EMPTY;
  const update = (patch: Partial<typeof EMPTY>) => draft.change((current) => ({ ...current, ...patch }));
  const [error, setError] = useState<{ field: 'title' | 'url' | 'save'; text: string } | null>(null);

  const add = async () => {
    if (!title.trim()) return setError({ field: 'title', text: t('materials.needTitle') });
    if (url.trim() && !v.is(LINK, url.trim()))
      return setError({ field: 'url', text: t('materials.badLink') });
    const result = await repo.create(
      'material',
      {
        title: title.trim(),
        url: url.trim() || null,
        description: description.trim() || null,
      },
      undefined,
      { endsDraft: draft.ending() },
    );
    if (!result.ok) return setError({ field: 'save', text: saveMessage(result).text });
    setError(null);
    await draft.saved({ title, url, description });
    showToast({ text: t('materials.added') }, 3000);
  };

  // Until the draft left earlier is read, what is typed would be dropped.
  if (!draft.value) return null;
  return (
    <Form class="panel form" onSubmit={add} noValidate>
      <h2>{t('materials.new')}</h2>
      <TextField
        label={t('materials.title')}
        value={title}
        onValue={(value) => update({ title: value })}
        maxLength={maxTextLength('material', 'title')}
        error={error?.field === 'title' ? error.text : undefined}
      />
      <TextField
        label={t('materials.url')}
        type="url"
        value={url}
        maxLength={maxTextLength('material', 'url')}
        onValue={(value) => update({ url: value })}
        hint={t('materials.urlHint')}
        error={error?.field === 'url' ? error.text : undefined}
      />
      <TextArea
        label={t('materials.description')}
        value={description}
        maxLength={maxTextLength('material', 'description')}
        onValue={(value) => update({ description: value })}
        rows={3}
      />
      {error?.field === 'save' && <Notice kind="error">{error.text}</Notice>}
      <button type="submit" class="button--primary">
        {t('materials.add')}
      </button>
    </Form>
  );
}

function MaterialCard(props: { material: SyncedRecord<'material'>; canEdit: boolean }) {
  const { repo } = useApp();
  const { material } = props;
  const title = material.fields.title ?? '';
  const link = safeLink(material.fields.url);
  const remove = () =>
    void withUndo(repo, [{ op: 'delete', record: material }], t('materials.deleted'), {
      undoLabel: t('materials.undo'),
    });
  return (
    <li class="card">
      <p class="card__title">
        {link ? (
          <a
            href={link}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={t('materials.open', { title })}
          >
            {title}
          </a>
        ) : (
          title
        )}
      </p>
      {material.fields.description ? <p class="card__meta">{material.fields.description}</p> : null}
      {props.canEdit && (
        <div class="actions">
          <button type="button" class="button--danger" onClick={remove}>
            {t('materials.delete')}
          </button>
        </div>
      )}
    </li>
  );
}

export function MaterialsScreen() {
  const queries = useQueries();
  const session = useSession();
  const materials = useLiveQuery(queries.materials, []);
  const isCurator = session.role === 'curator';
  return (
    <Page title={t('nav.materials')}>
      <p class="muted">{t('materials.intro')}</p>
      {materials !== undefined &&
        (materials.length === 0 ? (
          <p>{t('materials.none')}</p>
        ) : (
          <ul class="cards" data-testid="materials">
            {materials.map((m) => (
              <MaterialCard key={m.id} material={m} canEdit={isCurator} />
            ))}
          </ul>
        ))}
      {isCurator && <MaterialForm />}
    </Page>
  );
}
