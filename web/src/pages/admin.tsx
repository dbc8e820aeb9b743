import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { del, get, itemsOf, post, put, query, request, seg, teamName, type AuditEntry, type Page, type Role, type TeamRef, type User } from '../api';
import { Empty, ErrorBox, Loading, Modal, Tabs } from '../components/ui';
import { useLoad } from '../hooks';
import { fmtDate, fmtNumber, t, tOr, type MessageKey } from '../i18n';
import { href } from '../router';

const ROLES: Role[] = ['admin', 'auditor', 'analyst', 'viewer'];
const TABS: { id: string; key: MessageKey; admin: boolean }[] = [
  { id: 'users', key: 'adminUsers', admin: true },
  { id: 'teams', key: 'adminTeams', admin: true },
  { id: 'apikeys', key: 'adminKeys', admin: true },
  { id: 'audit', key: 'adminAudit', admin: false },
  { id: 'vulndb', key: 'adminVulnDb', admin: false },
];

export function AdminPage({ tab, user }: { tab: string; user: User }): JSX.Element {
  const isAdmin = user.role === 'admin';
  const tabs = TABS.filter((x) => isAdmin || !x.admin);
  const current = tabs.some((x) => x.id === tab) ? tab : tabs[0].id;
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('navAdmin')}</h1>
      <Tabs label={t('navAdmin')} current={current} tabs={tabs.map((x) => ({ id: x.id, label: t(x.key), href: href(['admin', x.id]) }))} />
      <div class="tabpanel">
        {current === 'users' ? <Users /> : null}
        {current === 'teams' ? <Teams /> : null}
        {current === 'apikeys' ? <ApiKeys /> : null}
        {current === 'audit' ? <Audit /> : null}
        {current === 'vulndb' ? <VulnDb isAdmin={isAdmin} /> : null}
      </div>
    </section>
  );
}

// The labelled role picker of the user and API key forms.
function RoleSelect({ value, onChange }: { value: Role; onChange: (role: Role) => void }): JSX.Element {
  return (
    <label>
      {t('role')}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value as Role)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`role_${r}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

function useAction(after: () => void) {
  const [err, setErr] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const run = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setErr(undefined);
    try {
      await f();
      after();
    } catch (e) {
      setErr(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return { err, busy, run };
}

function Users(): JSX.Element {
  const users = useLoad((s) => get<Page<User>>('/api/v1/users', s), []);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [pwFor, setPwFor] = useState<User | null>(null);
  const [newPw, setNewPw] = useState('');
  const act = useAction(() => {
    setName('');
    setPassword('');
    setPwFor(null);
    setNewPw('');
    users.reload();
  });
  return (
    <div>
      <form
        class="filters card"
        onSubmit={(e) => {
          e.preventDefault();
          act.run(() => post('/api/v1/users', { name, username: name, password, role }));
        }}
        aria-label={t('createUser')}
      >
        <label>
          {t('username')}
          <input value={name} autoComplete="off" onInput={(e) => setName(e.currentTarget.value)} required />
        </label>
        <label>
          {t('password')}
          <input type="password" autoComplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} required minLength={8} />
        </label>
        <RoleSelect value={role} onChange={setRole} />
        <button type="submit" class="primary" disabled={act.busy}>
          {t('createUser')}
        </button>
      </form>
      <ErrorBox error={act.err ?? users.error} />
      {!users.data ? <Loading /> : null}
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('username')}</th>
            <th scope="col">{t('role')}</th>
            <th scope="col">{t('adminTeams')}</th>
            <th scope="col">
              <span class="sr-only">{t('actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {itemsOf(users.data).map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{tOr(`role_${u.role}`, u.role)}</td>
              <td>{(u.teams ?? []).map(teamName).join(', ')}</td>
              <td>
                <button type="button" onClick={() => setPwFor(u)}>
                  {t('setPassword')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Modal title={t('setPasswordFor', { name: pwFor?.name ?? '' })} open={!!pwFor} onClose={() => setPwFor(null)}>
        <form
          class="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (pwFor) act.run(() => put(`/api/v1/users/${seg(pwFor.name)}/password`, { password: newPw }));
          }}
        >
          <label>
            {t('newPassword')}
            <input type="password" autoComplete="new-password" value={newPw} onInput={(e) => setNewPw(e.currentTarget.value)} required minLength={8} />
          </label>
          <button type="submit" class="primary">
            {t('save')}
          </button>
        </form>
      </Modal>
    </div>
  );
}

interface Member {
  id: number;
  name: string;
  role: string;
}

function TeamMembers({ team }: { team: string }): JSX.Element {
  const members = useLoad((s) => get<Page<Member>>(`/api/v1/teams/${seg(team)}/members`, s), [team]);
  const users = useLoad((s) => get<Page<User>>('/api/v1/users', s), []);
  const [pick, setPick] = useState('');
  const act = useAction(() => members.reload());
  return (
    <div>
      <ul>
        {itemsOf(members.data).map((m) => (
          <li key={m.id} class="member">
            {m.name} <span class="muted">({tOr(`role_${m.role}`, m.role)})</span>{' '}
            <button
              type="button"
              class="ghost"
              aria-label={t('removeMemberOf', { user: m.name, team })}
              onClick={() => {
                if (window.confirm(t('confirmRemoveMember', { user: m.name, team }))) {
                  act.run(() => del(`/api/v1/teams/${seg(team)}/members/${seg(m.name)}`));
                }
              }}
            >
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          act.run(() => post(`/api/v1/teams/${seg(team)}/members`, { user: pick }));
        }}
      >
        <label>
          {t('addMember')}
          <select value={pick} onChange={(e) => setPick(e.currentTarget.value)} required>
            <option value="">–</option>
            {itemsOf(users.data).map((u) => (
              <option key={u.id} value={u.name}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('add')}</button>
      </form>
      <ErrorBox error={act.err ?? members.error} />
    </div>
  );
}

function Teams(): JSX.Element {
  const teams = useLoad((s) => get<Page<TeamRef>>('/api/v1/teams', s), []);
  const [name, setName] = useState('');
  const [open, setOpen] = useState('');
  const act = useAction(() => {
    setName('');
    teams.reload();
  });
  return (
    <div>
      <form
        class="filters card"
        onSubmit={(e) => {
          e.preventDefault();
          act.run(() => post('/api/v1/teams', { name }));
        }}
      >
        <label>
          {t('teamName')}
          <input value={name} autoComplete="off" onInput={(e) => setName(e.currentTarget.value)} required />
        </label>
        <button type="submit" class="primary" disabled={act.busy}>
          {t('createTeam')}
        </button>
      </form>
      <ErrorBox error={act.err ?? teams.error} />
      <ul class="teamlist">
        {itemsOf(teams.data).map((tm) => (
          <li key={tm.name}>
            <button type="button" class="linklike" aria-expanded={open === tm.name} onClick={() => setOpen(open === tm.name ? '' : tm.name)}>
              {tm.name}
            </button>
            {open === tm.name ? <TeamMembers team={tm.name} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface KeyRow {
  id: number;
  team?: TeamRef | string;
  team_id?: number;
  role?: Role;
  name?: string;
  created_at?: string;
  revoked?: boolean;
}

function ApiKeys(): JSX.Element {
  const keys = useLoad((s) => get<Page<KeyRow>>('/api/v1/apikeys', s), []);
  const teams = useLoad((s) => get<Page<TeamRef>>('/api/v1/teams', s), []);
  const [team, setTeam] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const act = useAction(() => keys.reload());
  const create = () =>
    act.run(async () => {
      const r = await post<{ key?: string; token?: string; secret?: string; api_key?: string }>('/api/v1/apikeys', { team, role, name });
      // The key exists only in this answer: it is shown once, kept in component state, never stored.
      setSecret(r.key ?? r.token ?? r.secret ?? r.api_key ?? '');
    });
  return (
    <div>
      <form
        class="filters card"
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <label>
          {t('keyName')}
          <input value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          {t('team')}
          <select value={team} onChange={(e) => setTeam(e.currentTarget.value)} required>
            <option value="">–</option>
            {itemsOf(teams.data).map((tm) => (
              <option key={tm.name} value={tm.name}>
                {tm.name}
              </option>
            ))}
          </select>
        </label>
        <RoleSelect value={role} onChange={setRole} />
        <button type="submit" class="primary" disabled={act.busy}>
          {t('createKey')}
        </button>
      </form>
      <ErrorBox error={act.err ?? keys.error} />
      <table class="table">
        <thead>
          <tr>
            <th scope="col">ID</th>
            <th scope="col">{t('keyName')}</th>
            <th scope="col">{t('team')}</th>
            <th scope="col">{t('role')}</th>
            <th scope="col">{t('created')}</th>
            <th scope="col">
              <span class="sr-only">{t('actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {itemsOf(keys.data).map((k) => (
            <tr key={k.id} class={k.revoked ? 'inactive' : undefined}>
              <td>{k.id}</td>
              <td>{k.name ?? ''}</td>
              <td>{teamName(k.team) || itemsOf(teams.data).find((tm) => tm.id === k.team_id)?.name || (k.team_id ?? '')}</td>
              <td>{k.role ? tOr(`role_${k.role}`, k.role) : ''}</td>
              <td>{fmtDate(k.created_at)}</td>
              <td>
                {k.revoked ? (
                  t('revoked')
                ) : (
                  <button type="button" onClick={() => act.run(() => del(`/api/v1/apikeys/${seg(k.id)}`))}>
                    {t('revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Modal title={t('keyCreated')} open={!!secret} onClose={() => setSecret('')}>
        <p>{t('keyShownOnce')}</p>
        <p>
          <code class="secret" data-testid="new-key">
            {secret}
          </code>
        </p>
        <button type="button" onClick={() => navigator.clipboard?.writeText(secret)}>
          {t('copy')}
        </button>
      </Modal>
    </div>
  );
}

function Audit(): JSX.Element {
  const [offset, setOffset] = useState(0);
  const limit = 100;
  const log = useLoad((s) => get<Page<AuditEntry>>(`/api/v1/audit${query({ limit, offset })}`, s), [offset]);
  const total = log.data?.total ?? 0;
  return (
    <div>
      <ErrorBox error={log.error} />
      {!log.data && !log.error ? <Loading /> : null}
      {log.data && itemsOf(log.data).length === 0 ? <Empty>{t('noData')}</Empty> : null}
      <table class="table compact" data-testid="audit">
        <thead>
          <tr>
            <th scope="col">{t('when')}</th>
            <th scope="col">{t('actor')}</th>
            <th scope="col">{t('action')}</th>
            <th scope="col">{t('object')}</th>
            <th scope="col">{t('detailCol')}</th>
          </tr>
        </thead>
        <tbody>
          {itemsOf(log.data).map((a, i) => (
            <tr key={a.id ?? i}>
              <td>{fmtDate(a.at)}</td>
              <td>{a.actor ?? ''}</td>
              <td class="mono">{a.action ?? ''}</td>
              <td class="mono">{a.object ?? ''}</td>
              <td>{a.detail ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="pager">
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - limit))}>
          {t('previous')}
        </button>
        <span class="muted">{t('rangeOf', { from: total ? offset + 1 : 0, to: Math.min(total, offset + limit), total })}</span>
        <button type="button" disabled={offset + limit >= total} onClick={() => setOffset(offset + limit)}>
          {t('next')}
        </button>
      </div>
    </div>
  );
}

interface DbSource {
  source?: string;
  name?: string;
  records?: number;
  count?: number;
  advisories?: number;
  modified?: string;
  last_modified?: string;
  newest_modified?: string;
  withdrawn?: number;
  imported_at?: string;
}
interface DbStatus {
  sources?: DbSource[] | Record<string, DbSource | number>;
  fingerprint?: string;
  analyzed_at?: string;
  path?: string;
  total?: number;
}

function VulnDb({ isAdmin }: { isAdmin: boolean }): JSX.Element {
  const st = useLoad((s) => get<DbStatus>('/api/v1/vulndb', s), []);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState('');
  const act = useAction(() => st.reload());
  const srcs: DbSource[] = Array.isArray(st.data?.sources)
    ? st.data!.sources
    : Object.entries(st.data?.sources ?? {}).map(([k, v]) => (typeof v === 'number' ? { source: k, records: v } : { source: k, ...v }));
  return (
    <div>
      <ErrorBox error={st.error ?? act.err} />
      {!st.data && !st.error ? <Loading /> : null}
      <table class="table" data-testid="vulndb">
        <thead>
          <tr>
            <th scope="col">{t('source')}</th>
            <th scope="col">{t('records')}</th>
            <th scope="col">{t('modified')}</th>
          </tr>
        </thead>
        <tbody>
          {srcs.map((s, i) => (
            <tr key={i}>
              <td>{s.source ?? s.name ?? ''}</td>
              <td>{fmtNumber(s.records ?? s.count ?? s.advisories)}</td>
              <td>{fmtDate(s.newest_modified ?? s.modified ?? s.last_modified ?? s.imported_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {st.data?.analyzed_at ? <p class="muted">{t('analyzedAt', { when: fmtDate(st.data.analyzed_at) })}</p> : null}
      {isAdmin ? (
        <form
          class="filters card"
          onSubmit={(e) => {
            e.preventDefault();
            if (file)
              act.run(async () => {
                const r = await request<unknown>('POST', `/api/v1/vulndb/import${query({ file_name: file.name })}`, { body: file });
                setResult(typeof r === 'string' ? r : JSON.stringify(r));
              });
          }}
        >
          <label>
            {t('importFeed')}
            <input type="file" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
          </label>
          <button type="submit" class="primary" disabled={!file || act.busy}>
            {act.busy ? t('uploading') : t('import')}
          </button>
        </form>
      ) : null}
      {result ? (
        <p class="notice mono small" role="status">
          {result}
        </p>
      ) : null}
    </div>
  );
}
