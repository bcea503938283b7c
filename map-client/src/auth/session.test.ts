import { describe, expect, it } from 'vitest';
import { readToken, SessionStore } from './session';

function token(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.signature`;
}

class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

describe('session', () => {
  it('reads user, role, agency and expiry from the token', () => {
    const session = readToken(token({ sub: 'demo-analyst', hotspotintel_role: 'analyst', hotspotintel_agency: 'a-1', exp: 2000000000 }));
    expect(session).toMatchObject({ userId: 'demo-analyst', role: 'analyst', agencyId: 'a-1' });
    expect(session?.expiresAt?.getTime()).toBe(2000000000 * 1000);
  });

  it('refuses text that is not a token or has no known role', () => {
    expect(readToken('not a token')).toBeNull();
    expect(readToken(token({ sub: 'x', hotspotintel_role: 'superuser' }))).toBeNull();
  });

  it('forgets an expired token', () => {
    const storage = new MemoryStorage();
    const store = new SessionStore(storage);
    store.signIn(readToken(token({ sub: 'x', hotspotintel_role: 'analyst', exp: 1000 }))!);
    expect(store.current(new Date(999_000))).not.toBeNull();
    expect(store.current(new Date(1_000_000))).toBeNull();
    expect(storage.getItem('hotspotintel.token')).toBeNull();
  });
});
