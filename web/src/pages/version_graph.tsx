// Dependency graph as an interactive tree (role="tree"): expand/collapse with mouse or keyboard,
// a node reached twice is shown where it is reached (cycles are cut and marked), and "every path
// to this component" comes from the server's /paths route and can be unfolded in the tree.
// Keyboard follows the WAI-ARIA tree pattern with a roving tab stop: Up/Down move between visible
// nodes, Right opens a node or enters it, Left closes it or goes to its parent, Home/End jump,
// Enter shows every path to the node.
import type { JSX } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { edgeFrom, edgeTo, get, getAll, itemsOf, query, type Component, type Edge, type Page } from '../api';
import { ErrorBox, Loading } from '../components/ui';
import { useLoad } from '../hooks';
import { t } from '../i18n';
import { href, navigate, type Route } from '../router';

type Paths = string[][] | { paths?: (string[] | { path?: string[] })[] } | Page<string[]>;

function pathsOf(p: Paths | undefined): string[][] {
  if (!p) return [];
  if (Array.isArray(p)) return p;
  if ('paths' in p && p.paths) return p.paths.map((x) => (Array.isArray(x) ? x : x.path ?? []));
  return itemsOf(p as Page<string[]>);
}

export function GraphTab({ base, route }: { base: string; route: Route }): JSX.Element {
  const comps = useLoad((s) => getAll<Component>(`${base}/components`, s), [base]);
  const edges = useLoad((s) => getAll<Edge>(`${base}/dependencies`, s), [base]);
  const to = route.params.get('to') ?? '';
  const paths = useLoad((s) => (to ? get<Paths>(`${base}/paths${query({ to })}`, s) : Promise.resolve(undefined)), [base, to]);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [pick, setPick] = useState('');
  const [focusKey, setFocusKey] = useState('');
  const nodeEls = useRef(new Map<string, HTMLLIElement>());
  const focusPending = useRef(false);
  // Layout effect: focus moves in the same task as the render, before the next key is read.
  useLayoutEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    nodeEls.current.get(focusKey)?.focus();
  });

  const graph = useMemo(() => {
    const byRef = new Map<string, Component>();
    for (const c of comps.data ?? []) byRef.set(c.bom_ref, c);
    const children = new Map<string, string[]>();
    const hasParent = new Set<string>();
    for (const e of edges.data ?? []) {
      const f = edgeFrom(e);
      const tt = edgeTo(e);
      if (!f || !tt) continue;
      if (!children.has(f)) children.set(f, []);
      children.get(f)!.push(tt);
      hasParent.add(tt);
    }
    const primary = (comps.data ?? []).filter((c) => c.primary).map((c) => c.bom_ref);
    const roots = primary.length ? primary : [...children.keys()].filter((r) => !hasParent.has(r));
    return { byRef, children, roots };
  }, [comps.data, edges.data]);

  if (comps.error || edges.error) return <ErrorBox error={comps.error ?? edges.error} />;
  if (!comps.data || !edges.data) return <Loading />;

  const label = (ref: string) => {
    const c = graph.byRef.get(ref);
    return c ? `${c.group ? `${c.group}/` : ''}${c.name}${c.version ? ` ${c.version}` : ''}` : ref;
  };
  const toggle = (key: string) => {
    const n = new Set(expanded);
    if (n.has(key)) n.delete(key);
    else n.add(key);
    setExpanded(n);
  };
  const unfold = (ps: string[][]) => {
    const n = new Set(expanded);
    for (const p of ps) for (let i = 1; i < p.length; i++) n.add(p.slice(0, i).join('\u0000'));
    setExpanded(n);
  };
  // The nodes a reader can reach right now, in display order: what the arrow keys walk.
  interface Visible { key: string; ref: string; parent: string; expandable: boolean; open: boolean }
  const visible: Visible[] = [];
  const walk = (ref: string, trail: string[], parent: string) => {
    const key = [...trail, ref].join('\u0000');
    const kids = graph.children.get(ref) ?? [];
    const cycle = trail.includes(ref);
    const open = expanded.has(key) && !cycle;
    visible.push({ key, ref, parent, expandable: kids.length > 0 && !cycle, open });
    if (open) for (const k of kids) walk(k, [...trail, ref], key);
  };
  for (const r of graph.roots) walk(r, [], '');
  const current = visible.some((v) => v.key === focusKey) ? focusKey : visible[0]?.key ?? '';
  const focusNode = (key: string) => {
    focusPending.current = true;
    setFocusKey(key);
  };
  const onTreeKey = (e: KeyboardEvent) => {
    const i = visible.findIndex((v) => v.key === current);
    if (i < 0) return;
    const v = visible[i];
    switch (e.key) {
      case 'ArrowDown': if (i + 1 < visible.length) focusNode(visible[i + 1].key); break;
      case 'ArrowUp': if (i > 0) focusNode(visible[i - 1].key); break;
      case 'Home': focusNode(visible[0].key); break;
      case 'End': focusNode(visible[visible.length - 1].key); break;
      case 'ArrowRight':
        if (v.expandable && !v.open) toggle(v.key);
        else if (v.open && i + 1 < visible.length) focusNode(visible[i + 1].key);
        break;
      case 'ArrowLeft':
        if (v.open) toggle(v.key);
        else if (v.parent) focusNode(v.parent);
        break;
      case 'Enter': navigate(href(route.parts, { to: v.ref })); break;
      default:
        return;
    }
    e.preventDefault();
  };
  const found = pathsOf(paths.data);
  const onPath = new Set(found.flatMap((p) => p.map((_, i) => p.slice(0, i + 1).join('\u0000'))));

  const renderNode = (ref: string, trail: string[], depth: number): JSX.Element => {
    const key = [...trail, ref].join('\u0000');
    const kids = graph.children.get(ref) ?? [];
    const cycle = trail.includes(ref);
    const open = expanded.has(key) && !cycle;
    return (
      <li
        key={key}
        role="treeitem"
        aria-expanded={kids.length && !cycle ? open : undefined}
        aria-level={depth + 1}
        aria-selected={key === current}
        tabIndex={key === current ? 0 : -1}
        ref={(el) => {
          if (el) nodeEls.current.set(key, el);
          else nodeEls.current.delete(key);
        }}
        onFocus={(e) => {
          if (e.target === e.currentTarget) setFocusKey(key);
        }}
        class={onPath.has(key) ? 'onpath' : undefined}
      >
        <div class="node">
          {kids.length && !cycle ? (
            <button type="button" class="twisty" tabIndex={-1} onClick={() => toggle(key)} aria-label={open ? t('collapse') : t('expand')}>
              {open ? '▾' : '▸'}
            </button>
          ) : (
            <span class="twisty-space" />
          )}
          <span class={ref === to ? 'node-label target' : 'node-label'}>{label(ref)}</span>
          {cycle ? <span class="badge">{t('cycle')}</span> : null}
          {kids.length ? <span class="muted"> ({kids.length})</span> : null}
          <a class="node-paths" tabIndex={-1} href={href(route.parts, { to: ref })}>
            {t('paths')}
          </a>
        </div>
        {open ? <ul role="group">{kids.map((k) => renderNode(k, [...trail, ref], depth + 1))}</ul> : null}
      </li>
    );
  };

  const matches = pick.length >= 2 ? (comps.data ?? []).filter((c) => c.name.toLowerCase().includes(pick.toLowerCase())).slice(0, 20) : [];
  return (
    <div class="graph">
      <div class="filters">
        <label>
          {t('showPathsFind')}
          <input type="search" value={pick} onInput={(e) => setPick(e.currentTarget.value)} list="graph-picks" />
        </label>
        <button type="button" onClick={() => setExpanded(new Set())}>
          {t('collapseAll')}
        </button>
      </div>
      {matches.length ? (
        <ul class="picklist">
          {matches.map((c) => (
            <li key={c.bom_ref}>
              <a href={href(route.parts, { to: c.bom_ref })} onClick={() => setPick('')}>
                {label(c.bom_ref)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {to ? (
        <div class="card" data-testid="paths">
          <h2>{t('pathsTo', { name: label(to) })}</h2>
          <ErrorBox error={paths.error} />
          {paths.loading ? <Loading /> : null}
          {paths.data && found.length === 0 ? <p class="muted">{t('noPaths')}</p> : null}
          <ol>
            {found.map((p, i) => (
              <li key={i} class="path">
                {p.map((r, j) => (
                  <span key={j}>
                    {j ? ' → ' : ''}
                    {label(r)}
                  </span>
                ))}
              </li>
            ))}
          </ol>
          {found.length ? (
            <button type="button" onClick={() => unfold(found)}>
              {t('unfoldPaths')}
            </button>
          ) : null}{' '}
          <button type="button" class="ghost" onClick={() => navigate(href(route.parts))}>
            {t('clear')}
          </button>
        </div>
      ) : null}
      <p class="muted">{t('graphStats', { nodes: graph.byRef.size, edges: edges.data.length })}</p>
      <ul role="tree" class="tree" aria-label={t('tabGraph')} onKeyDown={onTreeKey}>
        {graph.roots.map((r) => renderNode(r, [], 0))}
      </ul>
    </div>
  );
}
