// The only way the UI talks to the server: the public REST API (docs/design/portfolio-api.md).
// The session lives in the HttpOnly `sbomhub_session` cookie; the CSRF token from the sign-in
// answer is kept in memory only (never in localStorage) and echoed on every non-GET request.

export const API = '/api/v1';

export interface ApiErrorBody {
  code?: string;
  message?: string;
  details?: unknown[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
  }
}

export interface Page<T> {
  items: T[];
  total: number | null;
  has_more?: boolean;
  limit: number;
  offset: number;
}

let csrfToken = '';
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called once by the app: a 401 on any request means the session ended (timeout or logout elsewhere). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** Encodes one path segment ({project} may be a name with spaces or slashes). */
export const seg = (s: string | number): string => encodeURIComponent(String(s));

export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

async function toError(res: Response): Promise<ApiError> {
  let body: { error?: ApiErrorBody } | undefined;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const e = body?.error ?? {};
  return new ApiError(res.status, e.code ?? String(res.status), e.message ?? res.statusText, e.details ?? []);
}

export interface RequestOptions {
  body?: unknown; // JSON-encoded unless it is a Blob/File/string (sent raw)
  contentType?: string;
  signal?: AbortSignal;
  /** Sign-in and the session probe must not trigger the "session expired" handler. */
  quiet401?: boolean;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof Blob || typeof opts.body === 'string') {
    body = opts.body;
    headers['Content-Type'] = opts.contentType ?? 'application/octet-stream';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(path.startsWith('/') ? path : `${API}/${path}`, {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: opts.signal,
  });
  if (res.status === 401 && !opts.quiet401 && onUnauthorized) onUnauthorized();
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('Content-Type') ?? '';
  if (type.includes('json')) return (await res.json()) as T;
  return (await res.text()) as unknown as T;
}

export const get = <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, { signal });
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, { body });
export const put = <T>(path: string, body?: unknown) => request<T>('PUT', path, { body });
export const patch = <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body });
export const del = <T>(path: string) => request<T>('DELETE', path);

/** Lists: either a `{items,total}` page or a bare array (tolerated). */
export function itemsOf<T>(x: Page<T> | T[] | { items?: T[] } | undefined | null): T[] {
  if (!x) return [];
  if (Array.isArray(x)) return x;
  return x.items ?? [];
}

/** The server's largest page. */
export const MAX_PAGE = 1000;
const PARALLEL_PAGES = 4;

/**
 * Fetches every page of a list. Lists with a `total` are fetched in parallel; streaming lists
 * (`total: null`, `has_more`) are fetched PARALLEL_PAGES pages at a time until a short page.
 */
export async function getAll<T>(path: string, signal?: AbortSignal, pageSize = MAX_PAGE): Promise<T[]> {
  const sep = path.includes('?') ? '&' : '?';
  const pageAt = (off: number) => get<Page<T>>(`${path}${sep}limit=${pageSize}&offset=${off}`, signal);
  const first = await get<Page<T> | T[]>(`${path}${sep}limit=${pageSize}&offset=0`, signal);
  if (Array.isArray(first)) return first;
  const out = [...(first.items ?? [])];
  if (first.total === null || first.total === undefined) {
    let more = !!first.has_more && out.length > 0;
    while (more) {
      const batch = await Promise.all(Array.from({ length: PARALLEL_PAGES }, (_, i) => pageAt(out.length + i * pageSize)));
      for (const p of batch) {
        out.push(...(p.items ?? []));
        if (!p.has_more || (p.items ?? []).length < pageSize) {
          more = false;
          break;
        }
      }
    }
    return out;
  }
  const total = first.total;
  if (out.length >= total || (first.items ?? []).length === 0) return out;
  const rest: Promise<Page<T>>[] = [];
  for (let off = out.length; off < total; off += pageSize) rest.push(pageAt(off));
  for (const p of await Promise.all(rest)) out.push(...(p.items ?? []));
  return out;
}

// ---- DTOs as the contract names them; every field the UI does not strictly need is optional ----

export type Role = 'admin' | 'auditor' | 'analyst' | 'viewer';
export type Criticality = 'critical' | 'high' | 'medium' | 'low';

export interface TeamRef {
  id?: number;
  name: string;
}
export interface User {
  id: number;
  name: string;
  role: Role;
  teams?: (TeamRef | string)[];
}
export interface Session {
  user: User;
  csrf_token: string;
}

export interface RiskCounts {
  [k: string]: number | undefined;
}
export interface ProjectVersionSummary {
  id?: number;
  version: string;
  created_at?: string;
  current_document?: DocumentDto;
  documents?: number;
  component_count?: number;
  finding_count?: number;
  findings?: RiskCounts;
}
export interface Project {
  id: number;
  name: string;
  team?: TeamRef | string;
  team_id?: number;
  criticality?: Criticality;
  risk?: RiskCounts;
  findings?: RiskCounts;
  risk_score?: number;
  finding_count?: number;
  open_findings?: number;
  versions?: ProjectVersionSummary[];
  version_count?: number;
  latest_version?: string;
}

export interface Component {
  bom_ref: string;
  name: string;
  group?: string;
  version?: string;
  purl?: string;
  purl_type?: string;
  ecosystem?: string;
  cpe?: string;
  supplier?: string;
  license?: string;
  hashes?: string;
  scope?: string;
  direct?: boolean;
  primary?: boolean;
}
export interface Edge {
  from?: string;
  to?: string;
  from_ref?: string;
  to_ref?: string;
  type?: string;
}

export interface AnalysisDto {
  state?: string;
  justification?: string;
  response?: string | string[];
  detail?: string;
  updated_at?: string;
  updated_by?: string;
}
export interface WorkItem {
  component_ref?: string;
  component?: string | { name?: string; version?: string; purl?: string; bom_ref?: string };
  component_name?: string;
  component_version?: string;
  component_purl?: string;
  vulnerability_id?: string;
  vulnerability?: string | { id?: string };
  severity?: string;
  cvss_score?: number | null;
  cvss_vector?: string;
  epss?: number | null;
  epss_percentile?: number | null;
  kev?: boolean;
  summary?: string;
  fixed_versions?: string | string[];
  matcher?: string;
  needs_verification?: boolean;
  confidence?: number;
  match?: { matcher?: string; needs_verification?: boolean; confidence?: number };
  analysis_component?: string;
  active?: boolean;
  priority?: string | { band?: string; score?: number; reasons?: string[] };
  priority_score?: number;
  priority_reasons?: string[];
  analysis?: AnalysisDto | null;
  state?: string;
  first_seen?: string;
}

export interface DocumentDto {
  id: number;
  sha256?: string;
  family?: string;
  spec_version?: string;
  encoding?: string;
  size_bytes?: number;
  uploaded_at?: string;
  uploaded_by?: string;
  current?: boolean;
  file_name?: string;
}

export interface AuditEntry {
  id?: number;
  actor?: string;
  action?: string;
  object?: string;
  detail?: string;
  at?: string;
}

// Field helpers that accept the small shape variations above.
export const teamName = (t: TeamRef | string | undefined): string => (typeof t === 'string' ? t : t?.name ?? '');
export const wiVuln = (w: WorkItem): string =>
  w.vulnerability_id ?? (typeof w.vulnerability === 'string' ? w.vulnerability : w.vulnerability?.id) ?? '';
export const wiRef = (w: WorkItem): string =>
  w.component_ref ?? (typeof w.component === 'string' ? w.component : w.component?.bom_ref) ?? '';
/** The key analyses are stored under (the server's `analysis_component`). */
export const wiKey = (w: WorkItem): string => w.analysis_component ?? wiRef(w);
export const wiMatcher = (w: WorkItem): string => w.match?.matcher ?? w.matcher ?? '';
export const wiNeedsVerification = (w: WorkItem): boolean => !!(w.match?.needs_verification ?? w.needs_verification);
export const wiPriority = (w: WorkItem): string | undefined => (typeof w.priority === 'object' ? w.priority?.band : w.priority);
export const wiScore = (w: WorkItem): number | undefined => (typeof w.priority === 'object' ? w.priority?.score : undefined) ?? w.priority_score;
export const wiReasons = (w: WorkItem): string[] => (typeof w.priority === 'object' ? w.priority?.reasons : undefined) ?? w.priority_reasons ?? [];
export const wiName = (w: WorkItem): string =>
  w.component_name ?? (typeof w.component === 'object' ? w.component?.name : undefined) ?? wiRef(w);
export const wiVersion = (w: WorkItem): string =>
  w.component_version ?? (typeof w.component === 'object' ? w.component?.version : undefined) ?? '';
export const wiPurl = (w: WorkItem): string =>
  w.component_purl ?? (typeof w.component === 'object' ? w.component?.purl : undefined) ?? '';
export const wiState = (w: WorkItem): string => w.analysis?.state ?? w.state ?? '';
export const fixedList = (f: string | string[] | undefined): string[] =>
  Array.isArray(f) ? f : (f ?? '').split(/\s+/).filter(Boolean);
export const edgeFrom = (e: Edge): string => e.from_ref ?? e.from ?? '';
export const edgeTo = (e: Edge): string => e.to_ref ?? e.to ?? '';

/** Only http(s) links from feeds become hrefs; anything else (javascript:, data:) stays text. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function canWrite(user: User | null): boolean {
  return user?.role === 'admin' || user?.role === 'analyst';
}
export function canExport(user: User | null): boolean {
  return !!user;
}
