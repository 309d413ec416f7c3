// Imports and the export (docs/imports.md): upload a file for a preview, choose
// for ambiguous titles, commit, undo; download everything. All online: an
// upload is a file the server reads now, and a preview is only worth seeing
// fresh. While an import is matching or committing, its query polls every
// 2 s; when a commit finishes, the screens showing what it added refetch.
import { createEffect, on } from 'solid-js';
import { createMutation, createQuery, useQueryClient, type QueryClient } from '@tanstack/solid-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, json, withSignal } from '../lib/api.ts';
import { invalidateImported } from '../lib/query-client.ts';
import { status } from '../lib/session.ts';

export type Import = InferResponseType<typeof api.imports.$post>;
export type ImportStatus = Import['status'];
export type ImportTitles = InferResponseType<(typeof api.imports)[':import_id']['titles']['$get']>;
export type ImportTitle = ImportTitles['results'][number];
export type TitleStatus = NonNullable<InferRequestType<(typeof api.imports)[':import_id']['titles']['$get']>['query']['status']>;
export type ExportFormat = NonNullable<InferRequestType<typeof api.export.$get>['query']['format']>;

/** Query keys of imports, each nested under the one before: invalidating `all` refetches every import query. */
export const importKeys = {
  all: ['imports'] as const,
  list: () => [...importKeys.all, 'list'] as const,
  one: (id: string) => [...importKeys.all, 'one', id] as const,
  titles: (id: string, titleStatus?: TitleStatus, page = 1) => [...importKeys.all, 'one', id, 'titles', titleStatus ?? 'all', page] as const,
};

/** The server is still working on it: its answer changes without anyone asking. */
export const isWorking = (state: ImportStatus | undefined) => state === 'matching' || state === 'committing' || state === 'undoing';

export const POLL_MS = 2000;
/** The API's limit for an upload (MAX_UPLOAD_BYTES in worker/features/imports): a larger file is refused before it is sent. */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

export function useImports() {
  return createQuery(() => ({
    queryKey: importKeys.list(),
    queryFn: ({ signal }) => json(api.imports.$get(undefined, withSignal(signal))),
    staleTime: 0,
    enabled: status() === 'signed-in',
  }));
}

/** One import; polled while the server works on it. A commit that finishes while polled refreshes what it added. */
export function useImport(id: () => string | undefined) {
  const client = useQueryClient();
  const query = createQuery(() => ({
    queryKey: importKeys.one(id() ?? ''),
    queryFn: ({ signal }) => json(api.imports[':import_id'].$get({ param: { import_id: id()! } }, withSignal(signal))),
    enabled: status() === 'signed-in' && Boolean(id()),
    staleTime: 0,
    refetchInterval: (current) => (isWorking(current.state.data?.status) ? POLL_MS : false),
  }));
  createEffect(
    on(
      () => query.data?.status,
      (now, before) => {
        if (isWorking(before) && !isWorking(now)) void invalidateImported(client);
        // The list of imports shows its status too.
        else if (before !== undefined && now !== before) void client.invalidateQueries({ queryKey: importKeys.list() });
      },
    ),
  );
  return query;
}

/** One page (50) of an import's titles with the given status. */
export function useImportTitles(id: () => string, titleStatus: () => TitleStatus, page: () => number) {
  return createQuery(() => ({
    queryKey: importKeys.titles(id(), titleStatus(), page()),
    queryFn: ({ signal }) =>
      json(
        api.imports[':import_id'].titles.$get({ param: { import_id: id() }, query: { status: titleStatus(), page: String(page()) } }, withSignal(signal)),
      ),
    enabled: status() === 'signed-in',
    staleTime: 0,
    // The page before stays (dimmed) while the next loads; another status's titles never stand in.
    placeholderData: (previous, before) => (before?.queryKey[4] === titleStatus() ? previous : undefined),
  }));
}

/** The import as the server now has it: kept for its own query, and the list refetched. */
function keep(client: QueryClient, next: Import) {
  client.setQueryData(importKeys.one(next.id), next);
  return client.invalidateQueries({ queryKey: importKeys.list() });
}

/**
 * The file is the request's body as it is (hono/client sends JSON or forms
 * only, so the body goes in `init`); its Content-Type is the file's own.
 */
export function useUpload() {
  const client = useQueryClient();
  return createMutation(() => ({
    mutationFn: (file: File) =>
      json(
        api.imports.$post(
          { query: { name: file.name } },
          { init: { body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' } } },
        ),
      ),
    onSuccess: (next: Import) => keep(client, next),
  }));
}

export function useChooseTitle(id: () => string) {
  const client = useQueryClient();
  return createMutation(() => ({
    mutationFn: (choice: { title_key: string; show_id: string | null }) =>
      json(api.imports[':import_id'].choices.$post({ param: { import_id: id() }, json: choice })),
    onSuccess: async (next: Import) => {
      await keep(client, next);
      await client.invalidateQueries({ queryKey: [...importKeys.one(next.id), 'titles'] });
    },
  }));
}

export function useCommitImport() {
  const client = useQueryClient();
  return createMutation(() => ({
    mutationFn: (id: string) => json(api.imports[':import_id'].commit.$post({ param: { import_id: id } })),
    onSuccess: async (next: Import) => {
      await keep(client, next);
      if (next.status === 'committed') await invalidateImported(client);
    },
  }));
}

export function useUndoImport() {
  const client = useQueryClient();
  return createMutation(() => ({
    mutationFn: (id: string) => json(api.imports[':import_id'].undo.$post({ param: { import_id: id } })),
    onSuccess: async (next: Import) => {
      await keep(client, next);
      await invalidateImported(client);
    },
  }));
}

/**
 * Saves the export as a file. The token is a header, so a plain link cannot
 * fetch it: the answer becomes a Blob behind an object URL that an
 * `<a download>` saves under the server's file name.
 */
export async function downloadExport(format: ExportFormat): Promise<void> {
  const response = await api.export.$get({ query: { format } });
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `showtracker-export.${format === 'csv' ? 'zip' : 'json'}`;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked once the browser has started saving it (some read the URL after the click returns).
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
