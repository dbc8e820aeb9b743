import type { JSX } from 'preact';
import { ApiError, get, itemsOf, query, teamName, type Page, type Project } from '../api';
import { BarChart, TrendChart, type TrendPoint } from '../components/charts';
import { Icon } from '../components/icons';
import { Empty, ErrorBox, Loading, PriorityBadge, SeverityBadge } from '../components/ui';
import { useLoad } from '../hooks';
import { fmtNumber, fmtPercent, t, tOr } from '../i18n';
import { href } from '../router';

type Counts = Record<string, number> | { key?: string; name?: string; count: number }[] | number[];

interface EpssRow {
  vulnerability_id?: string;
  vulnerability?: string;
  id?: string;
  epss?: number;
  epss_percentile?: number;
  kev?: boolean;
  project?: string | { name?: string };
  version?: string | { version?: string };
  component_name?: string;
  component?: string | { name?: string; version?: string };
  severity?: string;
  affected?: number;
}

type RiskRow = Project & { score?: number; counts?: Record<string, number>; project?: Project; active_findings?: number; p1?: number; p2?: number; max_priority_score?: number };
type TrendRow = { date?: string; day?: string; open?: number; count?: number; value?: number; new_findings?: number; resolved_findings?: number };

interface Dashboard {
  by_priority?: Counts;
  by_severity?: Counts;
  priorities?: Counts;
  severities?: Counts;
  kev_hits?: number | EpssRow[];
  kev?: number;
  top_epss?: EpssRow[];
  projects?: RiskRow[];
  projects_by_risk?: RiskRow[];
  trend?: TrendRow[] | Record<string, number>;
  kev_findings?: number;
  projects_count?: number;
  versions?: number;
  active_findings?: number;
  open_findings?: number;
  total_findings?: number;
}

export function countsOf(c: Counts | undefined, keys: string[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  if (Array.isArray(c)) {
    // A bare number array is in the order of `keys` (P1..P4; critical, high, medium, low, none, unknown).
    c.forEach((r, i) => {
      if (typeof r === 'number') out[keys[i] ?? String(i)] = (out[keys[i] ?? String(i)] ?? 0) + r;
      else out[(r.key ?? r.name ?? '').toString()] = r.count;
    });
  }
  else if (c) for (const [k, v] of Object.entries(c)) out[k] = v;
  return out;
}

function trendOf(tr: Dashboard['trend']): TrendPoint[] {
  if (!tr) return [];
  if (Array.isArray(tr)) return tr.map((p) => ({ date: p.date ?? p.day ?? '', value: p.open ?? p.count ?? p.value ?? p.new_findings ?? 0, resolved: p.resolved_findings }));
  return Object.entries(tr)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, value]) => ({ date, value }));
}

const SEV_WEIGHT: Record<string, number> = { critical: 10, high: 5, medium: 2, low: 1 };

/** Without a /dashboard route (older servers) the same picture is summed from /projects. */
async function loadDashboard(signal: AbortSignal): Promise<Dashboard> {
  try {
    return await get<Dashboard>('/api/v1/dashboard', signal);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
  }
  const projects = itemsOf(await get<Page<Project>>(`/api/v1/projects${query({ limit: 1000 })}`, signal));
  const sev: Record<string, number> = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  let kev = 0;
  const ranked = projects.map((p) => {
    const f = (p.findings ?? {}) as Record<string, number>;
    for (const k of ['critical', 'high', 'medium', 'low']) sev[k] += f[k] ?? 0;
    sev.unknown += f.other ?? 0;
    kev += f.kev ?? 0;
    const score = Object.entries(SEV_WEIGHT).reduce((a, [k, w]) => a + w * (f[k] ?? 0), 0) + 20 * (f.kev ?? 0);
    return { ...p, score, counts: f };
  });
  ranked.sort((a, b) => b.score - a.score);
  return { by_severity: sev, kev_hits: kev, projects_by_risk: ranked, open_findings: Object.values(sev).reduce((a, b) => a + b, 0) };
}

export function DashboardPage(): JSX.Element {
  const d = useLoad(loadDashboard, []);
  if (d.error) return <ErrorBox error={d.error} />;
  if (!d.data) return <Loading />;
  const db = d.data;
  const prio = countsOf(db.by_priority ?? db.priorities, ['P1', 'P2', 'P3', 'P4']);
  const sev = countsOf(db.by_severity ?? db.severities, ['critical', 'high', 'medium', 'low', 'none', 'unknown']);
  const kevHits = typeof db.kev_hits === 'number' ? db.kev_hits : Array.isArray(db.kev_hits) ? db.kev_hits.length : db.kev_findings ?? db.kev ?? 0;
  // Rows are either projects with counts, or {project, p1, p2, active_findings, max_priority_score}.
  const projects: RiskRow[] = (db.projects_by_risk ?? db.projects ?? []).map((r) =>
    r.project || r.p1 !== undefined
      ? { ...r, ...(r.project ?? {}), risk_score: r.max_priority_score, counts: { P1: r.p1 ?? 0, P2: r.p2 ?? 0, total: r.active_findings ?? 0 } }
      : r,
  );
  const trend = trendOf(db.trend);
  const open = db.open_findings ?? Object.values(prio).reduce((a, b) => a + b, 0);
  const hasPriorities = Object.values(prio).some((v) => v > 0) || !!(db.by_priority ?? db.priorities);
  const first = projects[0] as (Project & { counts?: Record<string, number> }) | undefined;
  const firstKeys = Object.keys(first?.counts ?? first?.risk ?? {});
  const cols = first && !firstKeys.some((k) => k.startsWith('P')) ? ['critical', 'high', 'medium', 'low'] : firstKeys.includes('P3') ? ['P1', 'P2', 'P3', 'P4'] : ['P1', 'P2', 'total'];
  const newVsResolved = trend.some((p) => p.resolved !== undefined);
  const delta = newVsResolved
    ? trend.reduce((a, p) => a + p.value - (p.resolved ?? 0), 0)
    : trend.length > 1
      ? trend[trend.length - 1].value - trend[0].value
      : undefined;

  return (
    <section aria-labelledby="dash-title" data-testid="dashboard">
      <h1 id="dash-title">{t('navDashboard')}</h1>
      <div class="kpis">
        <div class="kpi card">
          <span class="kpi-label">{t('openFindings')}</span>
          <span class="kpi-value" data-testid="kpi-open">{fmtNumber(open)}</span>
        </div>
        <div class="kpi card">
          <span class="kpi-label">{hasPriorities ? t('priorityP1') : t('sev_critical')}</span>
          <span class="kpi-value">{fmtNumber(hasPriorities ? prio.P1 : sev.critical)}</span>
        </div>
        <div class="kpi card kev">
          <span class="kpi-label">
            <Icon name="kev" /> {t('kevHits')}
          </span>
          <span class="kpi-value">{fmtNumber(kevHits)}</span>
        </div>
        <div class="kpi card">
          <span class="kpi-label">{t('trendWeek')}</span>
          <span class="kpi-value">{delta === undefined ? '–' : `${delta > 0 ? '+' : ''}${fmtNumber(delta)}`}</span>
        </div>
      </div>
      <div class="grid2">
        {hasPriorities ? (
          <div class="card">
            <h2>{t('byPriority')}</h2>
            <BarChart title={t('byPriority')} bars={['P1', 'P2', 'P3', 'P4'].map((p) => ({ label: p, value: prio[p] ?? 0, cls: `prio-${p.toLowerCase()}` }))} />
          </div>
        ) : null}
        <div class="card">
          <h2>{t('bySeverity')}</h2>
          <BarChart
            title={t('bySeverity')}
            bars={Object.keys(sev).map((s) => ({ label: tOr(`sev_${s}`, s), value: sev[s], cls: `sev-${s}` }))}
          />
        </div>
        <div class="card">
          <h2>{t('trend')}</h2>
          {trend.length ? (
            <TrendChart title={newVsResolved ? `${t('trend')}: ${t('trendNew')} / ${t('trendResolved')}` : t('trend')} points={trend} />
          ) : (
            <Empty>{t('noData')}</Empty>
          )}
        </div>
        <div class="card">
          <h2>{t('topEpss')}</h2>
          {(db.top_epss ?? []).length === 0 ? (
            <Empty>{t('noData')}</Empty>
          ) : (
            <table class="table compact">
              <thead>
                <tr>
                  <th scope="col">{t('vulnerability')}</th>
                  <th scope="col">{t('epss')}</th>
                  <th scope="col">{t('component')}</th>
                </tr>
              </thead>
              <tbody>
                {(db.top_epss ?? []).slice(0, 10).map((r, i) => {
                  const id = r.vulnerability_id ?? r.vulnerability ?? r.id ?? '';
                  const comp = typeof r.component === 'object' ? r.component?.name : r.component;
                  const proj = typeof r.project === 'object' ? r.project?.name : r.project;
                  const ver = typeof r.version === 'object' ? r.version?.version : r.version;
                  return (
                    <tr key={`${id}-${i}`}>
                      <td>
                        <a href={href(['vulnerabilities', id])}>{id}</a> {r.kev ? <span class="badge kev">KEV</span> : null}
                      </td>
                      <td>{fmtPercent(r.epss)}</td>
                      <td>{[r.component_name ?? comp, proj && `${proj}@${ver ?? ''}`].filter(Boolean).join(' · ')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
      </div>
      <div class="card">
        <h2>{t('projectsByRisk')}</h2>
        {projects.length === 0 ? (
          <Empty>{t('noProjects')}</Empty>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('project')}</th>
                <th scope="col">{t('team')}</th>
                <th scope="col">{t('criticality')}</th>
                <th scope="col">{t('riskScore')}</th>
                {cols.map((p) => (
                  <th scope="col" key={p}>
                    {p === 'total' ? t('openFindings') : p.startsWith('P') ? <PriorityBadge priority={p} /> : <SeverityBadge severity={p} />}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => {
                const c = countsOf((p.counts ?? p.risk ?? p.findings) as Counts, cols);
                return (
                  <tr key={p.id ?? p.name}>
                    <td>
                      <a href={href(['projects', p.name])}>{p.name}</a>
                    </td>
                    <td>{teamName(p.team)}</td>
                    <td>{p.criticality ? tOr(`crit_${p.criticality}`, p.criticality) : '–'}</td>
                    <td>{fmtNumber(p.risk_score ?? p.score, { maximumFractionDigits: 1 })}</td>
                    {cols.map((k) => (
                      <td key={k}>{fmtNumber(c[k])}</td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
