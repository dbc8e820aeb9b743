import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { getAll, type Component } from '../api';
import { VirtualTable, type Column } from '../components/virtual_table';
import { ErrorBox, Loading } from '../components/ui';
import { useLoad } from '../hooks';
import { t, tOr } from '../i18n';
import { href, navigate, type Route } from '../router';

export const ecosystemOf = (c: Component): string => c.ecosystem ?? c.purl_type ?? (c.purl?.match(/^pkg:([^/]+)\//)?.[1] ?? '');

function distinct(rows: Component[], f: (c: Component) => string): string[] {
  const s = new Set<string>();
  for (const r of rows) s.add(f(r));
  return [...s].sort();
}

export function ComponentsTab(props: { base: string; project: string; version: string; route: Route }): JSX.Element {
  const data = useLoad((s) => getAll<Component>(`${props.base}/components`, s), [props.base]);
  const [q, setQ] = useState('');
  const [eco, setEco] = useState('');
  const [lic, setLic] = useState('');
  const [scope, setScope] = useState('');
  const [direct, setDirect] = useState('');
  const rows = data.data ?? [];

  const facets = useMemo(
    () => ({ eco: distinct(rows, ecosystemOf), lic: distinct(rows, (c) => c.license ?? ''), scope: distinct(rows, (c) => c.scope ?? '') }),
    [rows],
  );
  const filtered = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return rows.filter(
      (c) =>
        (!needle || c.name.toLowerCase().includes(needle) || (c.purl ?? '').toLowerCase().includes(needle) || (c.group ?? '').toLowerCase().includes(needle)) &&
        (!eco || ecosystemOf(c) === eco) &&
        (!lic || (c.license ?? '') === lic) &&
        (!scope || (c.scope ?? '') === scope) &&
        (!direct || (direct === 'direct') === !!c.direct),
    );
  }, [rows, q, eco, lic, scope, direct]);

  const columns: Column<Component>[] = [
    { id: 'name', header: t('name'), width: 'minmax(160px,2fr)', cell: (c) => (c.group ? `${c.group}/${c.name}` : c.name) },
    { id: 'version', header: t('version'), width: 'minmax(80px,1fr)', cell: (c) => c.version ?? '' },
    { id: 'eco', header: t('ecosystem'), width: '100px', cell: (c) => ecosystemOf(c) },
    { id: 'license', header: t('license'), width: 'minmax(100px,1.3fr)', cell: (c) => c.license ?? '' },
    { id: 'scope', header: t('scope'), width: '90px', cell: (c) => (c.scope ? tOr(`scope_${c.scope}`, c.scope) : '') },
    { id: 'direct', header: t('directness'), width: '90px', cell: (c) => (c.primary ? t('primary') : c.direct ? t('direct') : t('transitive')) },
    { id: 'purl', header: 'purl', width: 'minmax(200px,3fr)', cell: (c) => <span class="mono">{c.purl ?? ''}</span> },
    {
      id: 'paths',
      header: t('paths'),
      width: '80px',
      cell: (c) => (
        <a href={href(['projects', props.project, 'versions', props.version, 'graph'], { to: c.bom_ref })} aria-label={t('showPathsTo', { name: c.name })}>
          {t('paths')}
        </a>
      ),
    },
  ];

  if (data.error) return <ErrorBox error={data.error} />;
  if (!data.data) return <Loading />;
  const opt = (vals: string[], label: (v: string) => string) =>
    vals.map((v) => (
      <option key={v} value={v}>
        {v ? label(v) : t('none')}
      </option>
    ));
  return (
    <div>
      <div class="filters" role="search">
        <label>
          {t('filterText')}
          <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} data-testid="component-filter" />
        </label>
        <label>
          {t('ecosystem')}
          <select value={eco} onChange={(e) => setEco(e.currentTarget.value)}>
            <option value="">{t('all')}</option>
            {opt(facets.eco, (v) => v)}
          </select>
        </label>
        <label>
          {t('license')}
          <select value={lic} onChange={(e) => setLic(e.currentTarget.value)}>
            <option value="">{t('all')}</option>
            {opt(facets.lic, (v) => v)}
          </select>
        </label>
        <label>
          {t('scope')}
          <select value={scope} onChange={(e) => setScope(e.currentTarget.value)}>
            <option value="">{t('all')}</option>
            {opt(facets.scope, (v) => tOr(`scope_${v}`, v))}
          </select>
        </label>
        <label>
          {t('directness')}
          <select value={direct} onChange={(e) => setDirect(e.currentTarget.value)}>
            <option value="">{t('all')}</option>
            <option value="direct">{t('direct')}</option>
            <option value="transitive">{t('transitive')}</option>
          </select>
        </label>
      </div>
      <p class="muted" role="status" data-testid="component-count">
        {t('showingOf', { shown: filtered.length, total: rows.length })}
      </p>
      <VirtualTable
        rows={filtered}
        columns={columns}
        label={t('tabComponents')}
        rowKey={(c, i) => `${c.bom_ref}#${i}`}
        onRowActivate={(c) => navigate(href(['projects', props.project, 'versions', props.version, 'graph'], { to: c.bom_ref }))}
      />
    </div>
  );
}
