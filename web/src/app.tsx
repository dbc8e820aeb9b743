import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { del, get, setCsrfToken, setUnauthorizedHandler, type Session, type User } from './api';
import { Icon } from './components/icons';
import { LANGS, lang, onLangChange, setLang, t, type Lang } from './i18n';
import { AdminPage } from './pages/admin';
import { ComparePage } from './pages/compare';
import { DashboardPage } from './pages/dashboard';
import { ProjectPage } from './pages/project';
import { ProjectsPage } from './pages/projects';
import { SearchPage } from './pages/search';
import { SignInPage } from './pages/signin';
import { UploadPage } from './pages/upload';
import { VersionPage } from './pages/version';
import { VulnerabilityPage } from './pages/vulnerability';
import { href, useRoute, type Route } from './router';

const SESSION_PROBE_MS = 60_000;

export function App(): JSX.Element {
  const [, setLangTick] = useState(0);
  const [user, setUser] = useState<User | null>(null);
  const [checked, setChecked] = useState(false);
  const [expired, setExpired] = useState(false);
  const route = useRoute();

  useEffect(() => onLangChange(() => setLangTick((x) => x + 1)), []);
  useEffect(() => {
    document.documentElement.lang = lang();
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken('');
      setUser((u) => {
        if (u) setExpired(true);
        return null;
      });
    });
    get<Session>('/api/v1/session')
      .then((s) => {
        setCsrfToken(s.csrf_token);
        setUser(s.user);
      })
      .catch(() => setUser(null))
      .finally(() => setChecked(true));
  }, []);

  // Idle pages notice a server-side timeout too (the probe's 401 goes through the handler).
  useEffect(() => {
    if (!user) return;
    const id = setInterval(() => {
      get<Session>('/api/v1/session').catch(() => undefined);
    }, SESSION_PROBE_MS);
    return () => clearInterval(id);
  }, [user]);

  useEffect(() => {
    document.title = `${pageTitle(route)} – sbomhub`;
  }, [route, user, lang()]);

  const signedIn = (s: Session) => {
    setCsrfToken(s.csrf_token);
    setUser(s.user);
    setExpired(false);
  };
  const signOut = async (everywhere: boolean) => {
    try {
      await del(`/api/v1/session${everywhere ? '?everywhere=true' : ''}`);
    } finally {
      setCsrfToken('');
      setUser(null);
      setExpired(false);
    }
  };

  if (!checked) return <div class="boot" aria-busy="true" />;
  if (!user) {
    return (
      <div class="signin-shell">
        <LangSwitch />
        <SignInPage onSignedIn={signedIn} expired={expired} />
      </div>
    );
  }
  return (
    <div class="shell">
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('skipToContent')}
      </a>
      <header class="topbar">
        <a class="brand" href="#/">
          sbomhub
        </a>
        <nav class="mainnav" aria-label={t('navMain')}>
          <NavLink route={route} to="" icon="dashboard" label={t('navDashboard')} />
          <NavLink route={route} to="projects" icon="projects" label={t('navProjects')} />
          <NavLink route={route} to="search" icon="search" label={t('navSearch')} />
          <NavLink route={route} to="compare" icon="compare" label={t('navCompare')} />
          {user.role === 'admin' || user.role === 'analyst' ? <NavLink route={route} to="upload" icon="upload" label={t('navUpload')} /> : null}
          {user.role === 'admin' || user.role === 'auditor' ? <NavLink route={route} to="admin" icon="admin" label={t('navAdmin')} /> : null}
        </nav>
        <div class="userbox">
          <LangSwitch />
          <span class="who" data-testid="who">
            {user.name} <span class="muted">({t(`role_${user.role}`)})</span>
          </span>
          <button type="button" class="ghost" onClick={() => signOut(false)} data-testid="signout">
            <Icon name="logout" /> {t('signOut')}
          </button>
          <button type="button" class="ghost" onClick={() => signOut(true)} data-testid="signout-everywhere">
            {t('signOutEverywhere')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} user={user} />
      </main>
    </div>
  );
}

function LangSwitch(): JSX.Element {
  return (
    <label class="langswitch">
      <span class="sr-only">{t('language')}</span>
      <select value={lang()} onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value as Lang)} data-testid="lang">
        {LANGS.map((l) => (
          <option key={l} value={l}>
            {l === 'en' ? 'English' : '日本語'}
          </option>
        ))}
      </select>
    </label>
  );
}

function NavLink(props: { route: Route; to: string; icon: Parameters<typeof Icon>[0]['name']; label: string }): JSX.Element {
  const active = (props.route.parts[0] ?? '') === props.to || (props.to === 'projects' && props.route.parts[0] === 'projects');
  return (
    <a href={`#/${props.to}`} class={active ? 'navlink active' : 'navlink'} aria-current={active ? 'page' : undefined}>
      <Icon name={props.icon} /> {props.label}
    </a>
  );
}

function pageTitle(r: Route): string {
  switch (r.parts[0]) {
    case 'projects':
      return r.parts[1] ?? t('navProjects');
    case 'vulnerabilities':
      return r.parts[1] ?? t('navSearch');
    case 'search':
      return t('navSearch');
    case 'compare':
      return t('navCompare');
    case 'upload':
      return t('navUpload');
    case 'admin':
      return t('navAdmin');
    default:
      return t('navDashboard');
  }
}

function Page({ route, user }: { route: Route; user: User }): JSX.Element {
  const [a, b, c, d, e] = route.parts;
  switch (a) {
    case undefined:
      return <DashboardPage />;
    case 'projects':
      if (!b) return <ProjectsPage route={route} />;
      if (c === 'versions' && d) return <VersionPage project={b} version={d} tab={e ?? 'components'} route={route} user={user} />;
      return <ProjectPage project={b} user={user} />;
    case 'vulnerabilities':
      return <VulnerabilityPage id={b ?? ''} />;
    case 'search':
      return <SearchPage route={route} />;
    case 'compare':
      return <ComparePage route={route} />;
    case 'upload':
      return <UploadPage user={user} route={route} />;
    case 'admin':
      return <AdminPage tab={b ?? 'users'} user={user} />;
    default:
      return (
        <section>
          <h1>{t('errNotFound')}</h1>
          <a href={href([])}>{t('navDashboard')}</a>
        </section>
      );
  }
}
