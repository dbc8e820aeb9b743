import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { canWrite, get, itemsOf, patch, seg, teamName, type Page, type Project, type ProjectVersionSummary, type User } from '../api';
import { Empty, ErrorBox, Loading } from '../components/ui';
import { useLoad } from '../hooks';
import { fmtDate, fmtNumber, t, tOr } from '../i18n';
import { href } from '../router';
import { countsOf } from './dashboard';

export function ProjectPage({ project, user }: { project: string; user: User }): JSX.Element {
  const p = useLoad((s) => get<Project>(`/api/v1/projects/${seg(project)}`, s), [project]);
  const versions = useLoad(
    (s) => get<Page<ProjectVersionSummary> | ProjectVersionSummary[]>(`/api/v1/projects/${seg(project)}/versions`, s),
    [project],
  );
  const [err, setErr] = useState<Error>();

  if (p.error) return <ErrorBox error={p.error} />;
  if (!p.data) return <Loading />;
  const proj = p.data;
  const vs = itemsOf(versions.data).length ? itemsOf(versions.data) : proj.versions ?? [];

  const setCrit = async (c: string) => {
    setErr(undefined);
    try {
      await patch(`/api/v1/projects/${seg(project)}`, { criticality: c });
      p.reload();
    } catch (e) {
      setErr(e as Error);
    }
  };

  return (
    <section aria-labelledby="project-title">
      <nav class="crumbs" aria-label={t('breadcrumbs')}>
        <a href={href(['projects'])}>{t('navProjects')}</a> / <span>{proj.name}</span>
      </nav>
      <h1 id="project-title">{proj.name}</h1>
      <dl class="facts">
        <dt>{t('team')}</dt>
        <dd>{teamName(proj.team) || '–'}</dd>
        <dt>{t('criticality')}</dt>
        <dd>
          {canWrite(user) ? (
            <label>
              <span class="sr-only">{t('criticality')}</span>
              <select value={proj.criticality ?? ''} onChange={(e) => setCrit(e.currentTarget.value)}>
                {['critical', 'high', 'medium', 'low'].map((c) => (
                  <option key={c} value={c}>
                    {tOr(`crit_${c}`, c)}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            tOr(`crit_${proj.criticality ?? ''}`, proj.criticality ?? '–')
          )}
        </dd>
      </dl>
      <ErrorBox error={err} />
      <h2>{t('versions')}</h2>
      <ErrorBox error={versions.error} />
      {vs.length === 0 ? (
        <Empty>{t('noVersions')}</Empty>
      ) : (
        <table class="table" data-testid="versions-table">
          <thead>
            <tr>
              <th scope="col">{t('version')}</th>
              <th scope="col">{t('lastUpload')}</th>
              <th scope="col">{t('components')}</th>
              <th scope="col">{t('findings')}</th>
              <th scope="col">{t('sev_critical')}</th>
              <th scope="col">{t('sev_high')}</th>
              <th scope="col">KEV</th>
            </tr>
          </thead>
          <tbody>
            {vs.map((v) => {
              const c = countsOf(v.findings as Record<string, number>, ['critical', 'high', 'kev', 'total']);
              return (
                <tr key={v.version}>
                  <td>
                    <a href={href(['projects', proj.name, 'versions', v.version])}>{v.version}</a>
                  </td>
                  <td>{fmtDate(v.current_document?.uploaded_at ?? v.created_at)}</td>
                  <td>{fmtNumber(v.component_count)}</td>
                  <td>{fmtNumber(v.finding_count ?? c.total)}</td>
                  <td>{fmtNumber(c.critical)}</td>
                  <td>{fmtNumber(c.high)}</td>
                  <td>{fmtNumber(c.kev)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {vs.length >= 2 ? (
        <p>
          <a href={href(['compare'], { from: `${proj.name}@${vs[vs.length - 2].version}`, to: `${proj.name}@${vs[vs.length - 1].version}` })}>
            {t('compareLatest')}
          </a>
        </p>
      ) : null}
    </section>
  );
}
