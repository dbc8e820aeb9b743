import { Fragment, type JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import {
  canWrite,
  fixedList,
  get,
  getAll,
  itemsOf,
  post,
  put,
  query,
  seg,
  wiKey,
  wiMatcher,
  wiName,
  wiPriority,
  wiReasons,
  wiScore,
  wiNeedsVerification,
  wiPurl,
  wiRef,
  wiState,
  wiVersion,
  wiVuln,
  type AnalysisDto,
  type Page,
  type User,
  type WorkItem,
} from '../api';
import { Icon } from '../components/icons';
import { Empty, ErrorBox, Loading, Modal, PriorityBadge, SeverityBadge, StateLabel } from '../components/ui';
import { useLoad } from '../hooks';
import { fmtDate, fmtNumber, fmtPercent, t, tn, tOr } from '../i18n';
import { href, navigate, type Route } from '../router';

export const STATES = ['in_triage', 'exploitable', 'not_affected', 'false_positive', 'resolved', 'resolved_with_pedigree'];
export const JUSTIFICATIONS = [
  'code_not_present',
  'code_not_reachable',
  'requires_configuration',
  'requires_dependency',
  'requires_environment',
  'protected_by_compiler',
  'protected_at_runtime',
  'protected_at_perimeter',
  'protected_by_mitigating_control',
];
export const RESPONSES = ['can_not_fix', 'will_not_fix', 'update', 'rollback', 'workaround_available'];
const PAGE = 200;

export interface TriageTarget {
  component: string;
  vulnerability: string;
  label: string;
  analysis?: AnalysisDto | null;
}

export function VulnsTab(props: { base: string; project: string; route: Route; user: User }): JSX.Element {
  const { route } = props;
  const priority = route.params.get('priority') ?? '';
  const state = route.params.get('state') ?? '';
  const inactive = route.params.get('include_inactive') === 'true';
  const data = useLoad(
    (s) => getAll<WorkItem>(`${props.base}/findings${query({ priority, state, include_inactive: inactive ? 'true' : undefined })}`, s),
    [props.base, priority, state, inactive],
  );
  const [shown, setShown] = useState(PAGE);
  const [open, setOpen] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [triage, setTriage] = useState<TriageTarget[] | null>(null);
  const setParam = (k: string, v: string) => {
    const p: Record<string, string> = { priority, state, include_inactive: inactive ? 'true' : '' };
    p[k] = v;
    navigate(href(route.parts, p));
  };
  const rows = useMemo(
    () =>
      [...(data.data ?? [])].sort(
        (a, b) => (wiScore(b) ?? 0) - (wiScore(a) ?? 0) || Number(!!b.kev) - Number(!!a.kev) || (b.cvss_score ?? 0) - (a.cvss_score ?? 0),
      ),
    [data.data],
  );
  const key = (w: WorkItem) => `${wiRef(w)}\u0000${wiVuln(w)}`;
  const writable = canWrite(props.user);

  const toggle = (k: string) => {
    const n = new Set(selected);
    if (n.has(k)) n.delete(k);
    else n.add(k);
    setSelected(n);
  };

  return (
    <div>
      <div class="filters">
        <label>
          {t('priority')}
          <select value={priority} onChange={(e) => setParam('priority', e.currentTarget.value)}>
            <option value="">{t('all')}</option>
            {['P1', 'P2', 'P3', 'P4'].map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('triageState')}
          <select value={state} onChange={(e) => setParam('state', e.currentTarget.value)}>
            <option value="">{t('all')}</option>
            <option value="none">{t('state_untriaged')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {tOr(`state_${s}`, s)}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={inactive} onChange={(e) => setParam('include_inactive', e.currentTarget.checked ? 'true' : '')} />
          {t('includeInactive')}
        </label>
        {writable ? (
          <button
            type="button"
            disabled={selected.size === 0}
            data-testid="bulk-triage"
            onClick={() =>
              setTriage(
                rows.filter((w) => selected.has(key(w))).map((w) => ({ component: wiKey(w), vulnerability: wiVuln(w), label: `${wiName(w)} · ${wiVuln(w)}` })),
              )
            }
          >
            {t('bulkTriage', { n: selected.size })}
          </button>
        ) : null}
      </div>
      <ErrorBox error={data.error} />
      {!data.data && !data.error ? <Loading /> : null}
      {data.data && rows.length === 0 ? <Empty>{t('noFindings')}</Empty> : null}
      {rows.length > 0 ? (
        <>
          <p class="muted" role="status" data-testid="finding-count">
            {tn('findingCount', rows.length)}
          </p>
          <table class="table worklist" data-testid="worklist">
            <thead>
              <tr>
                {writable ? (
                  <th scope="col">
                    <span class="sr-only">{t('select')}</span>
                  </th>
                ) : null}
                <th scope="col">{t('priority')}</th>
                <th scope="col">{t('vulnerability')}</th>
                <th scope="col">{t('component')}</th>
                <th scope="col">{t('severity')}</th>
                <th scope="col">{t('epss')}</th>
                <th scope="col">{t('fixedIn')}</th>
                <th scope="col">{t('triageState')}</th>
                <th scope="col">
                  <span class="sr-only">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, shown).map((w) => {
                const k = key(w);
                const isOpen = open === k;
                return (
                  <Fragment key={k}>
                    <tr class={w.active === false ? 'inactive' : undefined} data-vuln={wiVuln(w)}>
                      {writable ? (
                        <td>
                          <input type="checkbox" checked={selected.has(k)} onChange={() => toggle(k)} aria-label={t('selectFinding', { id: wiVuln(w), name: wiName(w) })} />
                        </td>
                      ) : null}
                      <td>
                        <button type="button" class="linklike" aria-expanded={isOpen} onClick={() => setOpen(isOpen ? null : k)} title={t('whyPriority')}>
                          <PriorityBadge priority={wiPriority(w)} /> <span class="muted">{fmtNumber(wiScore(w), { maximumFractionDigits: 0 })}</span>
                        </button>
                      </td>
                      <td>
                        <a href={href(['vulnerabilities', wiVuln(w)])}>{wiVuln(w)}</a>
                        {w.kev ? (
                          <span class="badge kev" title={t('kevLong')}>
                            <Icon name="kev" /> KEV
                          </span>
                        ) : null}
                        {wiNeedsVerification(w) ? <span class="badge warn">{t('needsVerification')}</span> : null}
                      </td>
                      <td>
                        {wiName(w)} <span class="muted">{wiVersion(w)}</span>
                      </td>
                      <td>
                        <SeverityBadge severity={w.severity} /> {w.cvss_score != null ? fmtNumber(w.cvss_score, { maximumFractionDigits: 1 }) : ''}
                      </td>
                      <td>{w.epss != null ? fmtPercent(w.epss) : '–'}</td>
                      <td class="mono">{fixedList(w.fixed_versions).join(', ') || '–'}</td>
                      <td>
                        <StateLabel state={wiState(w)} />
                      </td>
                      <td>
                        <button
                          type="button"
                          data-testid="triage"
                          onClick={() => setTriage([{ component: wiKey(w), vulnerability: wiVuln(w), label: `${wiName(w)} · ${wiVuln(w)}`, analysis: w.analysis }])}
                        >
                          {writable ? t('triage') : t('history')}
                        </button>
                      </td>
                    </tr>
                    {isOpen ? (
                      <tr class="reasons">
                        <td colSpan={writable ? 9 : 8}>
                          <strong>{t('whyPriority')}</strong>
                          <ul>
                            {wiReasons(w).map((r, i) => (
                              <li key={i}>{r}</li>
                            ))}
                          </ul>
                          {w.summary ? <p>{w.summary}</p> : null}
                          <p class="muted">
                            {t('matchedBy', { matcher: wiMatcher(w) || '–' })} {wiPurl(w) ? <span class="mono">{wiPurl(w)}</span> : null}
                          </p>
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
          {rows.length > shown ? (
            <button type="button" onClick={() => setShown(shown + PAGE)}>
              {t('showMore', { n: rows.length - shown })}
            </button>
          ) : null}
        </>
      ) : null}
      <TriageDialog
        project={props.project}
        targets={triage}
        writable={writable}
        onClose={() => setTriage(null)}
        onSaved={() => {
          setTriage(null);
          setSelected(new Set());
          data.reload();
        }}
      />
    </div>
  );
}

interface HistoryRow extends AnalysisDto {
  at?: string;
  actor?: string;
}

export function TriageDialog(props: {
  project: string;
  targets: TriageTarget[] | null;
  writable: boolean;
  onClose: () => void;
  onSaved: () => void;
}): JSX.Element {
  const one = props.targets?.length === 1 ? props.targets[0] : undefined;
  const title = one ? t('triageOf', { what: one.label }) : t('bulkTriage', { n: props.targets?.length ?? 0 });
  return (
    <Modal title={title} open={!!props.targets} onClose={props.onClose} wide>
      {props.targets ? <TriageForm {...props} targets={props.targets} one={one} /> : null}
    </Modal>
  );
}

function TriageForm(props: { project: string; targets: TriageTarget[]; one?: TriageTarget; writable: boolean; onSaved: () => void; onClose: () => void }): JSX.Element {
  const a = props.one?.analysis ?? undefined;
  const [state, setState] = useState(a?.state || 'in_triage');
  const [just, setJust] = useState(a?.justification ?? '');
  const [resp, setResp] = useState(Array.isArray(a?.response) ? a?.response[0] ?? '' : a?.response ?? '');
  const [detail, setDetail] = useState(a?.detail ?? '');
  const [err, setErr] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const history = useLoad(
    (s) =>
      props.one
        ? get<Page<HistoryRow> | HistoryRow[]>(
            `/api/v1/projects/${seg(props.project)}/analyses/history${query({ component: props.one.component, vulnerability: props.one.vulnerability })}`,
            s,
          )
        : Promise.resolve(undefined),
    [props.one?.component, props.one?.vulnerability],
  );

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErr(undefined);
    const decision = { state, justification: state === 'not_affected' ? just : '', response: resp, detail };
    try {
      if (props.one) {
        await put(`/api/v1/projects/${seg(props.project)}/analyses`, { component: props.one.component, vulnerability: props.one.vulnerability, ...decision });
      } else {
        // One bulk call per selected finding: the server applies a decision to one vulnerability
        // (optionally narrowed to one component) across every version of the project.
        for (const x of props.targets) {
          await post('/api/v1/analyses/bulk', { scope: 'project', project: props.project, vulnerability: x.vulnerability, component: x.component, ...decision });
        }
      }
      props.onSaved();
    } catch (ex) {
      setErr(ex as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      {props.writable ? (
        <form class="form" onSubmit={submit} data-testid="triage-form">
          {!props.one ? (
            <ul class="muted small">
              {props.targets.slice(0, 10).map((x) => (
                <li key={`${x.component}${x.vulnerability}`}>{x.label}</li>
              ))}
            </ul>
          ) : null}
          <label>
            {t('triageState')}
            <select name="state" value={state} onChange={(e) => setState(e.currentTarget.value)} required>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {tOr(`state_${s}`, s)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('justification')}
            <select name="justification" value={just} onChange={(e) => setJust(e.currentTarget.value)} disabled={state !== 'not_affected'} required={state === 'not_affected'}>
              <option value="">–</option>
              {JUSTIFICATIONS.map((j) => (
                <option key={j} value={j}>
                  {tOr(`just_${j}`, j)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('response')}
            <select name="response" value={resp} onChange={(e) => setResp(e.currentTarget.value)}>
              <option value="">–</option>
              {RESPONSES.map((r) => (
                <option key={r} value={r}>
                  {tOr(`resp_${r}`, r)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('detail')}
            <textarea name="detail" rows={3} value={detail} onInput={(e) => setDetail(e.currentTarget.value)} />
          </label>
          <ErrorBox error={err} />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy} data-testid="triage-save">
              {t('save')}
            </button>
            <button type="button" onClick={props.onClose}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {props.one ? (
        <div class="history">
          <h3>{t('auditTrail')}</h3>
          <ErrorBox error={history.error} />
          {itemsOf(history.data).length === 0 && !history.loading ? <p class="muted">{t('noHistory')}</p> : null}
          <ol data-testid="history">
            {itemsOf(history.data).map((h, i) => (
              <li key={i}>
                <span class="muted">{fmtDate(h.updated_at ?? h.at)}</span> {h.updated_by ?? h.actor ?? ''}: <StateLabel state={h.state} />
                {h.justification ? ` · ${tOr(`just_${h.justification}`, h.justification)}` : ''}
                {h.response ? ` · ${[h.response].flat().map((r) => tOr(`resp_${r}`, r)).join(', ')}` : ''}
                {h.detail ? <q>{h.detail}</q> : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </div>
  );
}
