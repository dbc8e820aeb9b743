import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { get, itemsOf, query, teamName, type Page, type Project, type TeamRef } from '../api';
import { Empty, ErrorBox, Loading, SeverityBadge } from '../components/ui';
import { useLoad } from '../hooks';
import { fmtNumber, t, tOr } from '../i18n';
import { href, navigate, type Route } from '../router';
import { countsOf } from './dashboard';

const CRITS = ['critical', 'high', 'medium', 'low'];
// The server counts open findings per project by severity (plus KEV hits).
export const RISKS = ['critical', 'high', 'medium', 'low'];

export function projectCounts(p: Project): Record<string, number> {
  return countsOf((p.findings ?? p.risk) as Record<string, number>, [...RISKS, 'kev', 'total']);
}

export function ProjectsPage({ route }: { route: Route }): JSX.Element {
  const q = route.params.get('q') ?? '';
  const team = route.params.get('team') ?? '';
  const crit = route.params.get('criticality') ?? '';
  const risk = route.params.get('risk') ?? '';
  const [text, setText] = useState(q);
  const list = useLoad((s) => get<Page<Project>>(`/api/v1/projects${query({ q, team, criticality: crit, limit: 1000 })}`, s), [q, team, crit]);
  const teams = useLoad((s) => get<Page<TeamRef>>('/api/v1/teams', s).catch(() => ({ items: [] as TeamRef[] }) as Page<TeamRef>), []);
  const set = (k: string, v: string) => {
    const p: Record<string, string> = { q, team, criticality: crit, risk };
    p[k] = v;
    navigate(href(['projects'], p));
  };
  // Risk is filtered here: "has at least one open finding at this priority or worse".
  const rows = itemsOf(list.data).filter((p) => {
    if (!risk) return true;
    const c = projectCounts(p);
    return RISKS.slice(0, RISKS.indexOf(risk) + 1).some((k) => (c[k] ?? 0) > 0);
  });

  return (
    <section aria-labelledby="projects-title">
      <h1 id="projects-title">{t('navProjects')}</h1>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set('q', text);
        }}
      >
        <label>
          {t('searchProjects')}
          <input type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} data-testid="project-search" />
        </label>
        <label>
          {t('team')}
          <select value={team} onChange={(e) => set('team', e.currentTarget.value)}>
            <option value="">{t('all')}</option>
            {itemsOf(teams.data).map((tm) => (
              <option key={tm.name} value={tm.name}>
                {tm.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('criticality')}
          <select value={crit} onChange={(e) => set('criticality', e.currentTarget.value)}>
            <option value="">{t('all')}</option>
            {CRITS.map((c) => (
              <option key={c} value={c}>
                {tOr(`crit_${c}`, c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('risk')}
          <select value={risk} onChange={(e) => set('risk', e.currentTarget.value)}>
            <option value="">{t('all')}</option>
            {RISKS.map((r) => (
              <option key={r} value={r}>
                {t('riskAtLeast', { p: tOr(`sev_${r}`, r) })}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('search')}</button>
      </form>
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && rows.length === 0 ? <Empty>{t('noProjects')}</Empty> : null}
      {rows.length > 0 ? (
        <table class="table" data-testid="projects-table">
          <thead>
            <tr>
              <th scope="col">{t('project')}</th>
              <th scope="col">{t('team')}</th>
              <th scope="col">{t('criticality')}</th>
              <th scope="col">{t('latestVersion')}</th>
              {RISKS.map((r) => (
                <th scope="col" key={r}>
                  <SeverityBadge severity={r} />
                </th>
              ))}
              <th scope="col">KEV</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => {
              const c = projectCounts(p);
              return (
                <tr key={p.id}>
                  <td>
                    <a href={href(['projects', p.name])}>{p.name}</a>
                  </td>
                  <td>{teamName(p.team)}</td>
                  <td>{p.criticality ? tOr(`crit_${p.criticality}`, p.criticality) : '–'}</td>
                  <td>{p.latest_version ?? p.versions?.[p.versions.length - 1]?.version ?? '–'}</td>
                  {RISKS.map((r) => (
                    <td key={r}>{fmtNumber(c[r])}</td>
                  ))}
                  <td>{fmtNumber(c.kev)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
