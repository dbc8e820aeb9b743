import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, request, type Session } from '../api';
import { t } from '../i18n';

export function SignInPage({ onSignedIn, expired }: { onSignedIn: (s: Session) => void; expired: boolean }): JSX.Element {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const s = await request<Session>('POST', '/api/v1/session', { body: { username, password }, quiet401: true });
      onSignedIn(s);
    } catch (err) {
      setError(err instanceof ApiError && (err.status === 401 || err.status === 403) ? t('signInFailed') : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="signin" id="main">
      <h1>sbomhub</h1>
      <p class="muted">{t('tagline')}</p>
      {expired ? (
        <p class="notice" role="status">
          {t('sessionExpired')}
        </p>
      ) : null}
      <form onSubmit={submit} class="card form" aria-labelledby="signin-title">
        <h2 id="signin-title">{t('signIn')}</h2>
        <label>
          {t('username')}
          <input name="username" autoComplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" class="primary" disabled={busy}>
          {t('signIn')}
        </button>
      </form>
    </main>
  );
}
