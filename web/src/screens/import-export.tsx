// Import & export (Settings → Import & export, /settings/import): bring the
// history from another tracker (upload, preview, choose, confirm, undo), the
// imports made before, and downloading everything as JSON or CSV. The import
// being looked at is in the address (?import=<id>), so a reload keeps it; it
// comes first, above the form for another upload.
import { createSignal, For, Show } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { QueryView } from '../components/query-view.tsx';
import { ConfirmButton, EmptyState, InlineError } from '../components/ui.tsx';
import {
  downloadExport,
  MAX_UPLOAD_BYTES,
  useImport,
  useImports,
  useUndoImport,
  useUpload,
  type ExportFormat,
  type Import,
} from '../hooks/use-imports.ts';
import { dateTime, FORMAT_NAMES, ImportCard, STATUS_NAMES } from './import-card.tsx';

function UploadForm(props: { onUploaded: (batch: Import) => void }) {
  const upload = useUpload();
  const [file, setFile] = createSignal<File | null>(null);
  const [tooLarge, setTooLarge] = createSignal<Error | null>(null);
  let input!: HTMLInputElement;

  function submit(event: SubmitEvent) {
    event.preventDefault();
    const chosen = file();
    if (!chosen) return;
    if (chosen.size > MAX_UPLOAD_BYTES) {
      setTooLarge(new Error(`The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB.`));
      return;
    }
    upload.mutate(chosen, {
      onSuccess: (batch) => {
        input.value = '';
        setFile(null);
        props.onUploaded(batch);
      },
    });
  }

  return (
    <section class="panel" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Import your history</h2>
      <p>Bring what you watched, followed, rated and listed from another tracker. These exports can be read:</p>
      <ul class="formats">
        <li>TV Time: the data request export (ZIP), or files from TV Time Liberator or TV Time Out</li>
        <li>Trakt: the data export (ZIP of JSON files)</li>
        <li>IMDb: your ratings, watchlist or a list, exported as CSV</li>
        <li>Letterboxd: the data export (ZIP, or one of its CSV files)</li>
        <li>ShowTracker: the JSON export below, from this or another account</li>
      </ul>
      <form class="upload-form" onSubmit={submit}>
        <label for="import-file">Export file</label>
        <input
          ref={input}
          id="import-file"
          type="file"
          accept=".zip,.csv,.json,application/zip,text/csv,application/json"
          aria-describedby="import-file-hint"
          onChange={(event) => {
            setFile(event.currentTarget.files?.[0] ?? null);
            setTooLarge(null);
            upload.reset();
          }}
        />
        <p id="import-file-hint" class="hint">
          A .zip, .csv or .json file of up to {MAX_UPLOAD_BYTES / 1024 / 1024} MiB. You see a preview first; nothing changes until you confirm.
        </p>
        <button type="submit" class="button primary" disabled={!file() || upload.isPending}>
          {upload.isPending ? 'Uploading…' : 'Upload and preview'}
        </button>
      </form>
      <Show when={upload.isPending}>
        <p class="subtle" role="status">
          Uploading and reading {upload.variables?.name}…
        </p>
      </Show>
      <InlineError error={tooLarge() ?? upload.error} />
    </section>
  );
}

function CurrentImport(props: { id: string; focus: boolean }) {
  const batch = useImport(() => props.id);
  return (
    <QueryView query={batch} rows={3}>
      {(data) => <ImportCard batch={data()} focus={props.focus} />}
    </QueryView>
  );
}

function PastImports(props: { open: (id: string) => void; current?: string }) {
  const imports = useImports();
  const undo = useUndoImport();
  return (
    <section class="panel" aria-labelledby="past-heading">
      <h2 id="past-heading">Past imports</h2>
      <QueryView
        query={imports}
        rows={2}
        empty={(data) => data.results.length === 0}
        whenEmpty={<EmptyState title="No imports yet">Files you upload are listed here, with what they added.</EmptyState>}
      >
        {(data) => (
          <ul class="past-imports">
            <For each={data().results}>
              {(batch) => {
                const name = () => batch.file_name ?? FORMAT_NAMES[batch.format];
                return (
                  <li aria-current={batch.id === props.current ? 'true' : undefined}>
                    <span class="past-import-main">
                      <strong>{name()}</strong>
                      <span class="subtle small">
                        {FORMAT_NAMES[batch.format]} · {dateTime(batch.created_at)} · <span class="tag">{STATUS_NAMES[batch.status]}</span>
                        <Show when={batch.added}>{(added) => <> · {added().watches.toLocaleString()} watches added</>}</Show>
                      </span>
                    </span>
                    <span class="past-import-actions">
                      <Show when={batch.id !== props.current}>
                        <button type="button" class="link-button" aria-label={`Open ${name()}`} onClick={() => props.open(batch.id)}>
                          Open
                        </button>
                      </Show>
                      <Show when={batch.id !== props.current && (batch.status === 'committed' || batch.status === 'failed')}>
                        <ConfirmButton
                          label="Undo…"
                          name={`Undo… ${name()}`}
                          question={`Remove everything ${name()} added?`}
                          confirmLabel="Undo this import"
                          busyLabel="Undoing…"
                          busy={undo.isPending && undo.variables === batch.id}
                          onConfirm={() => undo.mutateAsync(batch.id)}
                        />
                      </Show>
                    </span>
                    <Show when={undo.variables === batch.id}>
                      <InlineError error={undo.error} />
                    </Show>
                  </li>
                );
              }}
            </For>
          </ul>
        )}
      </QueryView>
    </section>
  );
}

function ExportSection() {
  const [busy, setBusy] = createSignal<ExportFormat | null>(null);
  const [error, setError] = createSignal<unknown>(null);

  async function download(format: ExportFormat) {
    setBusy(format);
    setError(null);
    try {
      await downloadExport(format);
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="panel" aria-labelledby="export-heading">
      <h2 id="export-heading">Export everything</h2>
      <p class="subtle">
        Your shows, watch history, watchlist, ratings, lists and settings. The JSON file can be imported back into ShowTracker; the CSV files (in a
        ZIP) open in a spreadsheet. Passwords and private links are never included.
      </p>
      <div class="actions">
        <button type="button" class="button" disabled={busy() !== null} onClick={() => void download('json')}>
          {busy() === 'json' ? 'Preparing…' : 'Download JSON'}
        </button>
        <button type="button" class="button" disabled={busy() !== null} onClick={() => void download('csv')}>
          {busy() === 'csv' ? 'Preparing…' : 'Download CSV (ZIP)'}
        </button>
      </div>
      <InlineError error={error()} />
    </section>
  );
}

export default function ImportExport() {
  const [params, setParams] = useSearchParams<{ import?: string }>();
  // Opened from this screen (uploaded, or picked from the list): its card, at the top, takes the focus.
  const [opened, setOpened] = createSignal<string>();
  const open = (id: string) => {
    setOpened(id);
    setParams({ import: id });
  };
  return (
    <>
      <p class="small">
        <A href="/settings">← Settings</A>
      </p>
      <h1 tabIndex={-1}>Import & export</h1>
      <Show when={params.import} keyed>
        {(id) => <CurrentImport id={id} focus={opened() === id} />}
      </Show>
      <UploadForm onUploaded={(batch) => open(batch.id)} />
      <PastImports open={open} current={params.import} />
      <ExportSection />
    </>
  );
}
