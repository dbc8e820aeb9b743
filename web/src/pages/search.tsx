import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { get, itemsOf, query, type Page } from '../api';
import { Empty, ErrorBox, Loading } from '../components/ui';
import { useLoad } from '../hooks';
import { t } from '../i18n';
import { href, navigate, type Route } from '../router';

interface UsedRow {
  project?: string | { id?: number; name?: string };
  project_name?: string;
  version?: string | { id?: number; version?: string };
  component?: { name?: string; version?: string; purl?: string; bom_ref?: string };
  project_version?: string;
  name?: string;
  component_name?: string;
  component_version?: string;
  purl?: string;
  bom_ref?: string;
  direct?: boolean;
}

const VULN_ID = /^(CVE-\d{4}-\d+|GHSA(-[23456789cfghjmpqrvwx]{4}){3}|GO-\d{4}-\d+|PYSEC-\d{4}-\d+|RUSTSEC-\d{4}-\d+|OSV-\d{4}-\d+|[A-Z]+-\d{4}-\d+)$/i;

export function SearchPage({ route }: { route: Route }): JSX.Element {
  const q = route.params.get('q') ?? '';
  const range = route.params.get('range') ?? '';
  const [text, setText] = useState(q);
  const [rangeText, setRangeText] = useState(range);
  const isPurl = q.startsWith('pkg:');
  const res = useLoad(
    (s) =>
      q && !VULN_ID.test(q)
        ? get<Page<UsedRow> | UsedRow[]>(`/api/v1/where-used${query(isPurl ? { purl: q, range, limit: 1000 } : { name: q.includes('*') ? q : `*${q}*`, limit: 1000 })}`, s)
        : Promise.resolve(undefined),
    [q, range],
  );
  const submit = (e: Event) => {
    e.preventDefault();
    const v = text.trim();
    if (VULN_ID.test(v)) navigate(href(['vulnerabilities', v.toUpperCase().startsWith('GHSA') ? v : v.toUpperCase()]));
    else navigate(href(['search'], { q: v, range: rangeText.trim() }));
  };
  const rows = itemsOf(res.data);
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">{t('searchTitle')}</h1>
      <form class="filters" role="search" onSubmit={submit}>
        <label class="grow">
          {t('searchLabel')}
          <input type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="pkg:npm/lodash · log4j* · CVE-2021-44228" data-testid="search-input" />
        </label>
        <label>
          {t('versionRange')}
          <input value={rangeText} onInput={(e) => setRangeText(e.currentTarget.value)} placeholder="vers:npm/<4.17.21" disabled={!text.startsWith('pkg:')} />
        </label>
        <button type="submit" class="primary">
          {t('search')}
        </button>
      </form>
      <p class="muted small">{t('searchHelp')}</p>
      <ErrorBox error={res.error} />
      {q && res.loading ? <Loading /> : null}
      {res.data && rows.length === 0 ? <Empty>{t('noResults')}</Empty> : null}
      {rows.length ? (
        <table class="table" data-testid="where-used">
          <thead>
            <tr>
              <th scope="col">{t('project')}</th>
              <th scope="col">{t('version')}</th>
              <th scope="col">{t('component')}</th>
              <th scope="col">purl</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const p = (typeof r.project === 'object' ? r.project?.name : r.project) ?? r.project_name ?? '';
              const v = (typeof r.version === 'object' ? r.version?.version : r.version) ?? r.project_version ?? '';
              const c = r.component ?? { name: r.component_name ?? r.name, version: r.component_version, purl: r.purl, bom_ref: r.bom_ref };
              return (
                <tr key={i}>
                  <td>
                    <a href={href(['projects', p])}>{p}</a>
                  </td>
                  <td>
                    <a href={href(['projects', p, 'versions', v, 'graph'], { to: c.bom_ref })}>{v}</a>
                  </td>
                  <td>
                    {c.name ?? ''} <span class="muted">{c.version ?? ''}</span>
                  </td>
                  <td class="mono">{c.purl ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
