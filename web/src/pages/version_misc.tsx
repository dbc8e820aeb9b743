import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { get, itemsOf, seg, type DocumentDto, type Page, type User } from '../api';
import { Icon } from '../components/icons';
import { VirtualTable, type Column } from '../components/virtual_table';
import { Empty, ErrorBox, Loading } from '../components/ui';
import { useLoad } from '../hooks';
import { fmtBytes, fmtDate, fmtNumber, t, tOr } from '../i18n';

interface LicenseRow {
  bomRef?: string;
  bom_ref?: string;
  name?: string;
  version?: string;
  declared?: string;
  expression?: string;
  verdict?: string;
  reason?: string;
  categories?: string[];
}
interface LicenseReport {
  policy?: string;
  summary?: Record<string, number>;
  components?: LicenseRow[];
  obligations?: Record<string, unknown> | unknown[];
}

export function LicensesTab({ base }: { base: string }): JSX.Element {
  const r = useLoad((s) => get<LicenseReport>(`${base}/licenses`, s), [base]);
  const [verdict, setVerdict] = useState('');
  const rows = useMemo(() => (r.data?.components ?? []).filter((c) => !verdict || c.verdict === verdict), [r.data, verdict]);
  if (r.error) return <ErrorBox error={r.error} />;
  if (!r.data) return <Loading />;
  const sum = r.data.summary ?? {};
  const cols: Column<LicenseRow>[] = [
    { id: 'name', header: t('component'), width: 'minmax(160px,2fr)', cell: (c) => `${c.name ?? c.bomRef ?? ''} ${c.version ?? ''}` },
    { id: 'expr', header: t('license'), width: 'minmax(120px,2fr)', cell: (c) => <span class="mono">{c.expression || c.declared || '–'}</span> },
    { id: 'verdict', header: t('verdict'), width: '100px', cell: (c) => <span class={`verdict v-${c.verdict}`}>{tOr(`verdict_${c.verdict}`, c.verdict ?? '')}</span> },
    { id: 'reason', header: t('reason'), width: 'minmax(200px,3fr)', cell: (c) => c.reason ?? '' },
  ];
  return (
    <div>
      <div class="kpis">
        {['allow', 'review', 'deny'].map((v) => (
          <button type="button" key={v} class={verdict === v ? 'kpi card active' : 'kpi card'} aria-pressed={verdict === v} onClick={() => setVerdict(verdict === v ? '' : v)}>
            <span class="kpi-label">{tOr(`verdict_${v}`, v)}</span>
            <span class={`kpi-value v-${v}`}>{fmtNumber(sum[v] ?? 0)}</span>
          </button>
        ))}
      </div>
      {r.data.policy ? <p class="muted">{t('policy', { name: r.data.policy })}</p> : null}
      <VirtualTable rows={rows} columns={cols} label={t('tabLicenses')} rowKey={(c, i) => `${c.bomRef ?? c.bom_ref ?? c.name}#${i}`} height={420} />
    </div>
  );
}

interface Check {
  id: string;
  title?: string;
  result?: string;
  level?: string;
  detail?: string;
  applicable?: number;
  passed?: number;
}
interface QualityReport {
  pass?: boolean;
  profiles?: Record<string, { pass?: boolean; score?: number; checks?: Check[] }>;
}

export function QualityTab({ base }: { base: string }): JSX.Element {
  const r = useLoad((s) => get<QualityReport>(`${base}/quality`, s), [base]);
  if (r.error) return <ErrorBox error={r.error} />;
  if (!r.data) return <Loading />;
  const profiles = Object.entries(r.data.profiles ?? {});
  if (!profiles.length) return <Empty>{t('noData')}</Empty>;
  return (
    <div class="quality">
      {profiles.map(([name, p]) => (
        <details class="card" key={name} open={!p.pass}>
          <summary>
            <strong>{tOr(`profile_${name.replace(/[^a-z0-9]/gi, '_')}`, name)}</strong>{' '}
            <span class={p.pass ? 'badge ok' : 'badge bad'}>{p.pass ? t('pass') : t('fail')}</span>{' '}
            <span class="muted">{t('score', { score: fmtNumber(p.score, { maximumFractionDigits: 1 }) })}</span>
          </summary>
          <table class="table compact">
            <thead>
              <tr>
                <th scope="col">{t('check')}</th>
                <th scope="col">{t('result')}</th>
                <th scope="col">{t('level')}</th>
                <th scope="col">{t('detailCol')}</th>
              </tr>
            </thead>
            <tbody>
              {(p.checks ?? []).map((c) => (
                <tr key={c.id}>
                  <td>
                    {c.title ?? c.id} <span class="muted mono small">{c.id}</span>
                  </td>
                  <td>
                    <span class={`badge r-${c.result}`}>{tOr(`result_${c.result}`, c.result ?? '')}</span>
                  </td>
                  <td>{tOr(`level_${c.level}`, c.level ?? '')}</td>
                  <td>{c.detail ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </div>
  );
}

const EXPORTS = ['cyclonedx-json', 'cyclonedx-xml', 'spdx-json', 'spdx-tv'];
const VEX = ['cyclonedx', 'openvex', 'csaf'];

export function DocumentsTab({ base, project }: { base: string; project: string; user: User }): JSX.Element {
  const docs = useLoad((s) => get<Page<DocumentDto> | DocumentDto[]>(`${base}/documents`, s), [base]);
  return (
    <div class="documents">
      <div class="grid2">
        <div class="card">
          <h2>{t('exportSbom')}</h2>
          <ul class="linklist">
            <li>
              <a href={`${base}/sbom`} download data-testid="download-original">
                <Icon name="download" /> {t('originalDocument')}
              </a>
            </li>
            {EXPORTS.map((f) => (
              <li key={f}>
                <a href={`${base}/sbom/export?format=${f}`} download>
                  <Icon name="download" /> {tOr(`fmt_${f.replace('-', '_')}`, f)}
                </a>
              </li>
            ))}
          </ul>
        </div>
        <div class="card">
          <h2>{t('exportVex')}</h2>
          <ul class="linklist">
            {VEX.map((f) => (
              <li key={f}>
                <a href={`${base}/vex?format=${f}`} download={`${project}-vex-${f}.json`} data-testid={`vex-${f}`}>
                  <Icon name="download" /> {tOr(`vex_${f}`, f)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <h2>{t('uploadHistory')}</h2>
      <ErrorBox error={docs.error} />
      {!docs.data && !docs.error ? <Loading /> : null}
      {docs.data ? (
        <table class="table" data-testid="documents">
          <thead>
            <tr>
              <th scope="col">{t('uploadedAt')}</th>
              <th scope="col">{t('uploadedBy')}</th>
              <th scope="col">{t('format')}</th>
              <th scope="col">{t('size')}</th>
              <th scope="col">SHA-256</th>
              <th scope="col">
                <span class="sr-only">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {itemsOf(docs.data).map((d) => (
              <tr key={d.id}>
                <td>
                  {fmtDate(d.uploaded_at)} {d.current ? <span class="badge ok">{t('current')}</span> : null}
                </td>
                <td>{d.uploaded_by ?? ''}</td>
                <td>{[d.family, d.spec_version, d.encoding].filter(Boolean).join(' ')}</td>
                <td>{fmtBytes(d.size_bytes)}</td>
                <td class="mono small">{(d.sha256 ?? '').slice(0, 16)}</td>
                <td>
                  <a href={`${base}/sbom?document=${seg(d.id)}`} download>
                    {t('download')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
