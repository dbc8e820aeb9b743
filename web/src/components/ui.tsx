import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from '../api';
import { t, tOr } from '../i18n';

export function Loading(): JSX.Element {
  return (
    <p class="muted" role="status" aria-live="polite">
      {t('loading')}
    </p>
  );
}

/** Errors from the API: the server's message is shown as text; 404 reads as "not found". */
export function ErrorBox({ error }: { error: Error | undefined }): JSX.Element | null {
  if (!error) return null;
  const api = error instanceof ApiError ? error : undefined;
  const msg = api?.status === 404 ? t('errNotFound') : api?.status === 403 ? t('errForbidden') : error.message || t('errUnknown');
  return (
    <div class="error" role="alert">
      <strong>{t('error')}</strong> {msg}
      {api && api.details.length > 0 ? <Diagnostics details={api.details} /> : null}
    </div>
  );
}

interface Diag {
  file?: string;
  line?: number;
  column?: number;
  pointer?: string;
  severity?: string;
  rule?: string;
  message?: string;
}

// The server's one-line form: "file:line:col: severity: message [rule] (at /json/pointer)".
const DIAG_LINE = /^(.*?)(?::(\d+)(?::(\d+))?)?: (error|warning|info|note): (.*?)(?: \[([^\]]+)\])?(?: \(at ([^)]*)\))?$/s;

export function parseDiagnostic(line: string): Diag {
  const m = DIAG_LINE.exec(line);
  if (!m) return { message: line };
  return {
    file: m[1],
    line: m[2] ? Number(m[2]) : undefined,
    column: m[3] ? Number(m[3]) : undefined,
    severity: m[4],
    message: m[5],
    rule: m[6],
    pointer: m[7],
  };
}

/** Validation diagnostics (file, line:column or JSON pointer, severity, rule, message). */
export function Diagnostics({ details }: { details: unknown[] }): JSX.Element {
  return (
    <table class="table diagnostics" aria-label={t('diagnostics')}>
      <thead>
        <tr>
          <th scope="col">{t('diagLocation')}</th>
          <th scope="col">{t('diagSeverity')}</th>
          <th scope="col">{t('diagRule')}</th>
          <th scope="col">{t('diagMessage')}</th>
        </tr>
      </thead>
      <tbody>
        {details.map((raw, i) => {
          const d: Diag = typeof raw === 'string' ? parseDiagnostic(raw) : ((raw ?? {}) as Diag);
          const loc = [d.file, d.line !== undefined ? `${d.line}:${d.column ?? 0}` : undefined, d.pointer].filter(Boolean).join(' ');
          return (
            <tr key={i}>
              <td class="mono">{loc || '–'}</td>
              <td>{d.severity ? tOr(`diagSev_${d.severity}`, d.severity) : ''}</td>
              <td class="mono">{d.rule ?? ''}</td>
              <td>{d.message ?? JSON.stringify(raw)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const SEV_CLASS: Record<string, string> = { critical: 'sev-critical', high: 'sev-high', medium: 'sev-medium', low: 'sev-low' };

export function SeverityBadge({ severity }: { severity?: string }): JSX.Element {
  const s = (severity ?? 'unknown').toLowerCase();
  return <span class={`badge ${SEV_CLASS[s] ?? 'sev-unknown'}`}>{tOr(`sev_${s}`, severity ?? '')}</span>;
}

export function PriorityBadge({ priority }: { priority?: string }): JSX.Element {
  const p = priority ?? '–';
  return (
    <span class={`badge prio prio-${p.toLowerCase()}`} title={tOr(`prioHelp_${p}`, p)}>
      {p}
    </span>
  );
}

export function StateLabel({ state }: { state?: string }): JSX.Element {
  if (!state) return <span class="muted">{t('state_untriaged')}</span>;
  return <span class={`state state-${state}`}>{tOr(`state_${state}`, state)}</span>;
}

/** A modal built on <dialog>: focus is trapped by the browser, Esc closes it. */
export function Modal(props: { title: string; open: boolean; onClose: () => void; children: ComponentChildren; wide?: boolean }): JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog ref={ref} class={props.wide ? 'modal wide' : 'modal'} aria-label={props.title} onClose={props.onClose} onCancel={props.onClose}>
      <header class="modal-head">
        <h2>{props.title}</h2>
        <button type="button" class="ghost" onClick={props.onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      {props.open ? props.children : null}
    </dialog>
  );
}

export function Tabs<T extends string>(props: { tabs: { id: T; label: string; href: string }[]; current: T; label: string }): JSX.Element {
  return (
    <nav class="tabs" aria-label={props.label}>
      {props.tabs.map((tab) => (
        <a key={tab.id} href={tab.href} class={tab.id === props.current ? 'tab active' : 'tab'} aria-current={tab.id === props.current ? 'page' : undefined}>
          {tab.label}
        </a>
      ))}
    </nav>
  );
}

export function Empty({ children }: { children: ComponentChildren }): JSX.Element {
  return <p class="empty muted">{children}</p>;
}
