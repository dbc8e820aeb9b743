import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { get, itemsOf, query, seg, type Page, type Project, type ProjectVersionSummary } from '../api';
import { Empty, ErrorBox, Loading } from '../components/ui';
import { useLoad } from '../hooks';
import { fmtNumber, t, tOr } from '../i18n';
import { href, navigate, type Route } from '../router';

// The server's diff (src/diff RenderJson): one change per kind per component pair.
interface Change {
  kind: 'added' | 'removed' | 'version_changed' | 'hash_changed' | 'supplier_changed' | 'license_changed' | string;
  identity?: string;
  name?: string;
  from?: string;
  to?: string;
  possible_tampering?: boolean;
}
interface Diff {
  possible_tampering?: boolean;
  summary?: Record<string, number>;
  changes?: Change[];
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

export function ComparePage({ route }: { route: Route }): JSX.Element {
  const from = route.params.get('from') ?? '';
  const to = route.params.get('to') ?? '';
  const [a, setA] = useState(from);
  const [b, setB] = useState(to);
  const ready = !!splitRef(from)[1] && !!splitRef(to)[1];
  const diff = useLoad((s) => (ready ? get<Diff>(`/api/v1/diff${query({ from, to })}`, s) : Promise.resolve(undefined)), [from, to]);
  const d = diff.data;
  const changes = d?.changes ?? [];
  // Suspicious first: a hash that changed while the version did not (possible tampering).
  const changed = [...changes.filter((c) => c.possible_tampering), ...changes.filter((c) => !c.possible_tampering && c.kind !== 'added' && c.kind !== 'removed')];
  const added = changes.filter((c) => c.kind === 'added');
  const removed = changes.filter((c) => c.kind === 'removed');
  const sum = d?.summary ?? {};

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
          {d.possible_tampering ? (
            <p class="error" role="alert">
              {t('tamperingWarning')}
            </p>
          ) : null}
          <p class="muted">
            {t('diffSummary', { added: sum.added ?? added.length, removed: sum.removed ?? removed.length, changed: changed.length })}
          </p>
          <h2>{t('changed')}</h2>
          {changed.length === 0 ? <Empty>{t('none')}</Empty> : null}
          {changed.length ? (
            <table class="table compact">
              <thead>
                <tr>
                  <th scope="col">{t('component')}</th>
                  <th scope="col">{t('change')}</th>
                  <th scope="col">{t('compareFrom')}</th>
                  <th scope="col">{t('compareTo')}</th>
                </tr>
              </thead>
              <tbody>
                {changed.map((c, i) => (
                  <tr key={i} class={c.possible_tampering ? 'suspicious' : undefined}>
                    <td>
                      {c.name ?? c.identity ?? ''} {c.possible_tampering ? <span class="badge bad">{t('suspiciousHash')}</span> : null}
                    </td>
                    <td>{tOr(`change_${c.kind}`, c.kind)}</td>
                    <td class="mono">{c.from ?? ''}</td>
                    <td class="mono">{c.to ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <div class="grid2">
            <div>
              <h2>
                {t('added')} ({fmtNumber(added.length)})
              </h2>
              <ul class="difflist added">
                {added.map((c, i) => (
                  <li key={i}>
                    + {c.name ?? c.identity ?? ''} <span class="mono">{c.to ?? ''}</span>
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h2>
                {t('removed')} ({fmtNumber(removed.length)})
              </h2>
              <ul class="difflist removed">
                {removed.map((c, i) => (
                  <li key={i}>
                    − {c.name ?? c.identity ?? ''} <span class="mono">{c.from || c.to || ''}</span>
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
