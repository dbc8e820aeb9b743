import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { get, itemsOf, query, seg, type Page, type Project, type ProjectVersionSummary } from '../api';
import { Empty, ErrorBox, Loading } from '../components/ui';
import { useLoad } from '../hooks';
import { fmtNumber, t } from '../i18n';
import { href, navigate, type Route } from '../router';

interface DiffComp {
  name?: string;
  group?: string;
  version?: string;
  purl?: string;
  bom_ref?: string;
}
interface Changed extends DiffComp {
  from_version?: string;
  to_version?: string;
  old_version?: string;
  new_version?: string;
  before?: DiffComp;
  after?: DiffComp;
  changes?: string[];
  fields?: string[];
  hash_changed?: boolean;
  suspicious?: boolean;
  reason?: string;
}
interface Diff {
  added?: DiffComp[];
  removed?: DiffComp[];
  changed?: Changed[];
  suspicious?: Changed[];
}

function Picker(props: { id: string; label: string; value: string; onChange: (v: string) => void }): JSX.Element {
  const [p, v] = splitRef(props.value);
  const projects = useLoad((s) => get<Page<Project>>(`/api/v1/projects${query({ limit: 1000 })}`, s), []);
  const versions = useLoad(
    (s) => (p ? get<Page<ProjectVersionSummary>>(`/api/v1/projects/${seg(p)}/versions`, s) : Promise.resolve(undefined)),
    [p],
  );
  return (
    <fieldset class="picker">
      <legend>{props.label}</legend>
      <label>
        {t('project')}
        <select value={p} onChange={(e) => props.onChange(`${e.currentTarget.value}@`)} data-testid={`${props.id}-project`}>
          <option value="">–</option>
          {itemsOf(projects.data).map((x) => (
            <option key={x.id} value={x.name}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('version')}
        <select value={v} onChange={(e) => props.onChange(`${p}@${e.currentTarget.value}`)} data-testid={`${props.id}-version`}>
          <option value="">–</option>
          {itemsOf(versions.data).map((x) => (
            <option key={x.version} value={x.version}>
              {x.version}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

const splitRef = (s: string): [string, string] => {
  const i = s.lastIndexOf('@');
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
};
const compName = (c: DiffComp | undefined) => (c ? `${c.group ? `${c.group}/` : ''}${c.name ?? c.purl ?? c.bom_ref ?? ''}` : '');

export function ComparePage({ route }: { route: Route }): JSX.Element {
  const from = route.params.get('from') ?? '';
  const to = route.params.get('to') ?? '';
  const [a, setA] = useState(from);
  const [b, setB] = useState(to);
  const ready = !!splitRef(from)[1] && !!splitRef(to)[1];
  const diff = useLoad((s) => (ready ? get<Diff>(`/api/v1/diff${query({ from, to })}`, s) : Promise.resolve(undefined)), [from, to]);
  const d = diff.data;
  const changed = [...(d?.suspicious ?? []), ...(d?.changed ?? [])];
  const isSuspicious = (c: Changed) => !!c.suspicious || (!!c.hash_changed && (c.from_version ?? c.before?.version) === (c.to_version ?? c.after?.version));
  const ordered = [...changed.filter(isSuspicious), ...changed.filter((c) => !isSuspicious(c))];

  return (
    <section aria-labelledby="compare-title">
      <h1 id="compare-title">{t('navCompare')}</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(href(['compare'], { from: a, to: b }));
        }}
      >
        <Picker id="from" label={t('compareFrom')} value={a} onChange={setA} />
        <Picker id="to" label={t('compareTo')} value={b} onChange={setB} />
        <button type="submit" class="primary">
          {t('compare')}
        </button>
      </form>
      <ErrorBox error={diff.error} />
      {ready && diff.loading ? <Loading /> : null}
      {d ? (
        <div data-testid="diff">
          <p class="muted">
            {t('diffSummary', { added: d.added?.length ?? 0, removed: d.removed?.length ?? 0, changed: changed.length })}
          </p>
          <h2>{t('changed')}</h2>
          {ordered.length === 0 ? <Empty>{t('none')}</Empty> : null}
          <ul class="difflist">
            {ordered.map((c, i) => (
              <li key={i} class={isSuspicious(c) ? 'suspicious' : undefined}>
                {isSuspicious(c) ? <span class="badge bad">{t('suspiciousHash')}</span> : null} <strong>{compName(c.after ?? c.before ?? c)}</strong>{' '}
                <span class="mono">
                  {c.from_version ?? c.old_version ?? c.before?.version ?? ''} → {c.to_version ?? c.new_version ?? c.after?.version ?? ''}
                </span>{' '}
                <span class="muted">{(c.changes ?? c.fields ?? []).join(', ')}</span> {c.reason ? <span class="muted">{c.reason}</span> : null}
              </li>
            ))}
          </ul>
          <div class="grid2">
            <div>
              <h2>
                {t('added')} ({fmtNumber(d.added?.length ?? 0)})
              </h2>
              <ul class="difflist added">
                {(d.added ?? []).map((c, i) => (
                  <li key={i}>
                    + {compName(c)} <span class="mono">{c.version ?? ''}</span>
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h2>
                {t('removed')} ({fmtNumber(d.removed?.length ?? 0)})
              </h2>
              <ul class="difflist removed">
                {(d.removed ?? []).map((c, i) => (
                  <li key={i}>
                    − {compName(c)} <span class="mono">{c.version ?? ''}</span>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </div>
      ) : null}
    </section>
  );
}
