import type { JSX } from 'preact';
import { get, teamName, type Project } from '../api';
import { BarChart, TrendChart, type TrendPoint } from '../components/charts';
import { Icon } from '../components/icons';
import { Empty, ErrorBox, Loading, PriorityBadge } from '../components/ui';
import { useLoad } from '../hooks';
import { fmtNumber, fmtPercent, t, tOr } from '../i18n';
import { href } from '../router';

type Counts = Record<string, number> | { key?: string; name?: string; count: number }[];

interface EpssRow {
  vulnerability_id?: string;
  id?: string;
  epss?: number;
  epss_percentile?: number;
  kev?: boolean;
  project?: string;
  version?: string;
  component_name?: string;
  component?: string;
  severity?: string;
  affected?: number;
}

interface Dashboard {
  by_priority?: Counts;
  by_severity?: Counts;
  priorities?: Counts;
  severities?: Counts;
  kev_hits?: number | EpssRow[];
  kev?: number;
  top_epss?: EpssRow[];
  projects?: (Project & { score?: number; counts?: Record<string, number> })[];
  projects_by_risk?: (Project & { score?: number; counts?: Record<string, number> })[];
  trend?: { date?: string; day?: string; open?: number; count?: number; value?: number }[] | Record<string, number>;
  open_findings?: number;
  total_findings?: number;
}

export function countsOf(c: Counts | undefined, keys: string[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  if (Array.isArray(c)) for (const r of c) out[(r.key ?? r.name ?? '').toString()] = r.count;
  else if (c) for (const [k, v] of Object.entries(c)) out[k] = v;
  return out;
}

function trendOf(tr: Dashboard['trend']): TrendPoint[] {
  if (!tr) return [];
  if (Array.isArray(tr)) return tr.map((p) => ({ date: p.date ?? p.day ?? '', value: p.open ?? p.count ?? p.value ?? 0 }));
  return Object.entries(tr)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, value]) => ({ date, value }));
}

export function DashboardPage(): JSX.Element {
  const d = useLoad((s) => get<Dashboard>('/api/v1/dashboard', s), []);
  if (d.error) return <ErrorBox error={d.error} />;
  if (!d.data) return <Loading />;
  const db = d.data;
  const prio = countsOf(db.by_priority ?? db.priorities, ['P1', 'P2', 'P3', 'P4']);
  const sev = countsOf(db.by_severity ?? db.severities, ['critical', 'high', 'medium', 'low', 'unknown']);
  const kevHits = typeof db.kev_hits === 'number' ? db.kev_hits : Array.isArray(db.kev_hits) ? db.kev_hits.length : db.kev ?? 0;
  const projects = db.projects_by_risk ?? db.projects ?? [];
  const trend = trendOf(db.trend);
  const open = db.open_findings ?? Object.values(prio).reduce((a, b) => a + b, 0);
  const delta = trend.length > 1 ? trend[trend.length - 1].value - trend[0].value : undefined;

  return (
    <section aria-labelledby="dash-title" data-testid="dashboard">
      <h1 id="dash-title">{t('navDashboard')}</h1>
      <div class="kpis">
        <div class="kpi card">
          <span class="kpi-label">{t('openFindings')}</span>
          <span class="kpi-value" data-testid="kpi-open">{fmtNumber(open)}</span>
        </div>
        <div class="kpi card">
          <span class="kpi-label">{t('priorityP1')}</span>
          <span class="kpi-value">{fmtNumber(prio.P1)}</span>
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
        <div class="card">
          <h2>{t('byPriority')}</h2>
          <BarChart title={t('byPriority')} bars={['P1', 'P2', 'P3', 'P4'].map((p) => ({ label: p, value: prio[p] ?? 0, cls: `prio-${p.toLowerCase()}` }))} />
        </div>
        <div class="card">
          <h2>{t('bySeverity')}</h2>
          <BarChart
            title={t('bySeverity')}
            bars={Object.keys(sev).map((s) => ({ label: tOr(`sev_${s}`, s), value: sev[s], cls: `sev-${s}` }))}
          />
        </div>
        <div class="card">
          <h2>{t('trend')}</h2>
          {trend.length ? <TrendChart title={t('trend')} points={trend} /> : <Empty>{t('noData')}</Empty>}
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
                  const id = r.vulnerability_id ?? r.id ?? '';
                  return (
                    <tr key={`${id}-${i}`}>
                      <td>
                        <a href={href(['vulnerabilities', id])}>{id}</a> {r.kev ? <span class="badge kev">KEV</span> : null}
                      </td>
                      <td>{fmtPercent(r.epss)}</td>
                      <td>{[r.component_name ?? r.component, r.project && `${r.project}@${r.version ?? ''}`].filter(Boolean).join(' · ')}</td>
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
                {['P1', 'P2', 'P3', 'P4'].map((p) => (
                  <th scope="col" key={p}>
                    <PriorityBadge priority={p} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => {
                const c = countsOf((p.counts ?? p.risk) as Counts, ['P1', 'P2', 'P3', 'P4']);
                return (
                  <tr key={p.id ?? p.name}>
                    <td>
                      <a href={href(['projects', p.name])}>{p.name}</a>
                    </td>
                    <td>{teamName(p.team)}</td>
                    <td>{p.criticality ? tOr(`crit_${p.criticality}`, p.criticality) : '–'}</td>
                    <td>{fmtNumber(p.risk_score ?? p.score, { maximumFractionDigits: 1 })}</td>
                    {['P1', 'P2', 'P3', 'P4'].map((k) => (
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
