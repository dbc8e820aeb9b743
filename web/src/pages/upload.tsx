import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, get, itemsOf, post, query, request, seg, type Page, type Project, type TeamRef, type User } from '../api';
import { Diagnostics, ErrorBox } from '../components/ui';
import { useLoad } from '../hooks';
import { fmtBytes, fmtNumber, t, tOr } from '../i18n';
import { href, type Route } from '../router';

interface VexResult {
  applied?: unknown[];
  unmatched?: unknown[];
}

export function UploadPage({ route }: { user: User; route: Route }): JSX.Element {
  const projects = useLoad((s) => get<Page<Project>>(`/api/v1/projects${query({ limit: 1000 })}`, s), []);
  const teams = useLoad((s) => get<Page<TeamRef>>('/api/v1/teams', s).catch(() => ({ items: [] }) as unknown as Page<TeamRef>), []);
  const [kind, setKind] = useState<'sbom' | 'vex'>('sbom');
  const [project, setProject] = useState(route.params.get('project') ?? '');
  const [newProject, setNewProject] = useState('');
  const [team, setTeam] = useState('');
  const [crit, setCrit] = useState('medium');
  const [version, setVersion] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<{ project: string; version?: string; vex?: VexResult } | null>(null);
  const creating = project === '__new__';

  const pick = (f: File | undefined | null) => {
    if (!f) return;
    setFile(f);
    setError(undefined);
    setDone(null);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setDone(null);
    try {
      let name = project;
      if (creating) {
        const p = await post<Project>('/api/v1/projects', { name: newProject.trim(), team, criticality: crit });
        name = p.name ?? newProject.trim();
        projects.reload();
        setProject(name);
      }
      if (kind === 'sbom') {
        await request('PUT', `/api/v1/projects/${seg(name)}/versions/${seg(version.trim())}/sbom`, { body: file, contentType: file.type || 'application/octet-stream' });
        setDone({ project: name, version: version.trim() });
      } else {
        const r = await request<VexResult>('POST', `/api/v1/projects/${seg(name)}/vex`, { body: file, contentType: file.type || 'application/json' });
        setDone({ project: name, vex: r });
      }
    } catch (ex) {
      setError(ex as Error);
    } finally {
      setBusy(false);
    }
  };

  const diag = error instanceof ApiError && error.details.length ? error : undefined;
  return (
    <section aria-labelledby="upload-title">
      <h1 id="upload-title">{t('navUpload')}</h1>
      <form class="form card" onSubmit={submit} data-testid="upload-form">
        <fieldset class="inline">
          <legend>{t('uploadKind')}</legend>
          <label class="check">
            <input type="radio" name="kind" checked={kind === 'sbom'} onChange={() => setKind('sbom')} /> {t('kindSbom')}
          </label>
          <label class="check">
            <input type="radio" name="kind" checked={kind === 'vex'} onChange={() => setKind('vex')} /> {t('kindVex')}
          </label>
        </fieldset>
        <label>
          {t('project')}
          <select value={project} onChange={(e) => setProject(e.currentTarget.value)} required data-testid="upload-project">
            <option value="">–</option>
            {itemsOf(projects.data).map((p) => (
              <option key={p.id} value={p.name}>
                {p.name}
              </option>
            ))}
            <option value="__new__">{t('newProject')}</option>
          </select>
        </label>
        {creating ? (
          <div class="row">
            <label>
              {t('projectName')}
              <input value={newProject} onInput={(e) => setNewProject(e.currentTarget.value)} required data-testid="new-project-name" />
            </label>
            <label>
              {t('team')}
              <select value={team} onChange={(e) => setTeam(e.currentTarget.value)} required data-testid="new-project-team">
                <option value="">–</option>
                {itemsOf(teams.data).map((tm) => (
                  <option key={tm.name} value={tm.name}>
                    {tm.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('criticality')}
              <select value={crit} onChange={(e) => setCrit(e.currentTarget.value)}>
                {['critical', 'high', 'medium', 'low'].map((c) => (
                  <option key={c} value={c}>
                    {tOr(`crit_${c}`, c)}
                  </option>
                ))}
              </select>
            </label>
          </div>
        ) : null}
        {kind === 'sbom' ? (
          <label>
            {t('version')}
            <input value={version} onInput={(e) => setVersion(e.currentTarget.value)} required data-testid="upload-version" />
          </label>
        ) : null}
        <div
          class={over ? 'dropzone over' : 'dropzone'}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            pick(e.dataTransfer?.files?.[0]);
          }}
          data-testid="dropzone"
        >
          <p>{t('dropHere')}</p>
          <label class="filebutton">
            {t('chooseFile')}
            <input type="file" class="sr-only" onChange={(e) => pick(e.currentTarget.files?.[0])} data-testid="upload-file" />
          </label>
          {file ? (
            <p class="mono" data-testid="chosen-file">
              {file.name} ({fmtBytes(file.size)})
            </p>
          ) : null}
        </div>
        <button type="submit" class="primary" disabled={!file || busy} data-testid="upload-submit">
          {busy ? t('uploading') : t('upload')}
        </button>
      </form>
      {diag ? (
        <div class="error" role="alert" data-testid="upload-diagnostics">
          <strong>{t('invalidSbom')}</strong> {diag.message}
          <Diagnostics details={diag.details} />
        </div>
      ) : (
        <ErrorBox error={error} />
      )}
      {done ? (
        <div class="notice" role="status" data-testid="upload-done">
          {done.vex ? (
            <>
              <p>{t('vexApplied', { applied: done.vex.applied?.length ?? 0, unmatched: done.vex.unmatched?.length ?? 0 })}</p>
              {(done.vex.unmatched ?? []).length ? (
                <ul>
                  {(done.vex.unmatched ?? []).map((u, i) => (
                    <li key={i} class="mono small">
                      {typeof u === 'string' ? u : JSON.stringify(u)}
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : (
            <p>
              {t('uploaded')}{' '}
              <a href={href(['projects', done.project, 'versions', done.version ?? '', 'vulnerabilities'])} data-testid="goto-version">
                {t('openVersion', { name: `${done.project} @ ${done.version}` })}
              </a>
            </p>
          )}
        </div>
      ) : null}
      <p class="muted small">{t('uploadHelp', { max: fmtNumber(1, { style: 'unit', unit: 'gigabyte' }) })}</p>
    </section>
  );
}
