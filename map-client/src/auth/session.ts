/** The roles the API knows (Core UserRole codes). */
export type Role = 'tasking_member' | 'analyst' | 'licensing_officer' | 'supervisor' | 'administrator';

/** Who is signed in, read from the token's claims (the API validates the token; the client only reads it). */
export interface Session {
  token: string;
  userId: string;
  role: Role;
  agencyId: string | null;
  expiresAt: Date | null;
}

const storageKey = 'hotspotintel.token';
const roles: readonly Role[] = ['tasking_member', 'analyst', 'licensing_officer', 'supervisor', 'administrator'];

/** Reads a JWT's payload; returns null for anything that is not a HotspotIntel token with a known role. */
export function readToken(token: string): Session | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  let claims: Record<string, unknown>;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    claims = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='))) as Record<string, unknown>;
  } catch {
    return null;
  }
  const role = claims.hotspotintel_role;
  if (typeof role !== 'string' || !roles.includes(role as Role)) return null;
  return {
    token: token.trim(),
    userId: typeof claims.sub === 'string' ? claims.sub : 'unknown',
    role: role as Role,
    agencyId: typeof claims.hotspotintel_agency === 'string' ? claims.hotspotintel_agency : null,
    expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null,
  };
}

export function isExpired(session: Session, now: Date): boolean {
  return session.expiresAt !== null && session.expiresAt <= now;
}

/** The token lives in sessionStorage: gone when the tab closes, never shared with other tabs or sent as a cookie. */
export class SessionStore {
  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>) {}

  current(now: Date): Session | null {
    const token = this.storage.getItem(storageKey);
    const session = token ? readToken(token) : null;
    if (session && isExpired(session, now)) {
      this.signOut();
      return null;
    }
    return session;
  }

  signIn(session: Session): void {
    this.storage.setItem(storageKey, session.token);
  }

  signOut(): void {
    this.storage.removeItem(storageKey);
  }
}
