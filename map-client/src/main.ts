import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import { readToken, SessionStore } from './auth/session';
import { startApp } from './app';
import { byId } from './ui/dom';

const sessions = new SessionStore(sessionStorage);

function showSignIn(): void {
  const section = byId('sign-in');
  section.hidden = false;
  const form = byId<HTMLFormElement>('sign-in-form');
  const input = byId<HTMLTextAreaElement>('token');
  const error = byId('sign-in-error');
  input.focus();
  form.onsubmit = (event) => {
    event.preventDefault();
    const session = readToken(input.value);
    if (!session) {
      error.textContent = 'That is not a HotspotIntel token with a known role. Paste the whole token.';
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    sessions.signIn(session);
    section.hidden = true;
    void startApp(session, sessions);
  };
}

const session = sessions.current(new Date());
if (session) void startApp(session, sessions);
else showSignIn();
