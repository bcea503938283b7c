import { ApiError, readProblem } from './problem';

/** Where the token comes from; the client reads it on every call so signing out takes effect at once. */
export type TokenSource = () => string | null;

/**
 * The one way the app talks to the API: same-origin paths, the bearer token, JSON in and out, and every failure
 * turned into an {@link ApiError} carrying the API's Problem Details.
 */
export class ApiClient {
  constructor(
    private readonly token: TokenSource,
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  /** A JSON GET; `headers` adds e.g. the Justification a read of person-level data needs. */
  async get<T>(path: string, signal?: AbortSignal, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.send(path, { method: 'GET', signal, headers });
    return (await response.json()) as T;
  }

  /** Like {@link get}, but a 404 means "nothing here yet" (a feature not deployed) and gives null. */
  async getOrNull<T>(path: string, signal?: AbortSignal): Promise<T | null> {
    try {
      return await this.get<T>(path, signal);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }

  /** A JSON POST; `headers` adds e.g. an Idempotency-Key to a create. */
  async post<T>(path: string, body: unknown, signal?: AbortSignal, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.send(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { ...headers, 'Content-Type': 'application/json' },
      signal,
    });
    return (await response.json()) as T;
  }

  /** A JSON PUT that replaces a record and answers with its new state. */
  async put<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const response = await this.send(path, {
      method: 'PUT',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
      signal,
    });
    return (await response.json()) as T;
  }

  /**
   * A POST the API accepts for later (202): the body it answered with and the Location of the resource to poll, as a
   * same-origin path, or null when it gave none.
   */
  async postAccepted<T>(path: string, body: unknown, signal?: AbortSignal): Promise<{ body: T; location: string | null }> {
    const response = await this.send(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
      signal,
    });
    const location = response.headers.get('location');
    return { body: (await response.json()) as T, location: location ? sameOriginPath(location) : null };
  }

  /** A JSON POST answered with a file (an export): its content and the name the API gave it in Content-Disposition. */
  async postForFile(path: string, body: unknown, signal?: AbortSignal): Promise<{ content: Blob; fileName: string | null }> {
    const response = await this.send(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
      signal,
    });
    return { content: await response.blob(), fileName: fileNameOf(response.headers.get('content-disposition')) };
  }

  /** A GET answered with a file (a meeting pack's file): its content and the name the API gave it in Content-Disposition. */
  async getForFile(path: string, signal?: AbortSignal): Promise<{ content: Blob; fileName: string | null }> {
    const response = await this.send(path, { method: 'GET', signal });
    return { content: await response.blob(), fileName: fileNameOf(response.headers.get('content-disposition')) };
  }

  /** Headers for requests the app does not make itself (MapLibre's tile requests). */
  authorization(): Record<string, string> {
    const token = this.token();
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Accept', 'application/json, application/geo+json, application/problem+json');
    for (const [name, value] of Object.entries(this.authorization())) headers.set(name, value);
    let response: Response;
    try {
      response = await this.fetchImpl(path, { ...init, headers });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, { title: 'The server could not be reached.', detail: String(error) });
    }
    if (!response.ok) throw new ApiError(response.status, await readProblem(response));
    return response;
  }
}

/** Builds a query string from defined values only; arrays become repeated parameters. */
export function query(values: Record<string, string | number | readonly string[] | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly string[]) params.append(name, item);
    } else {
      params.set(name, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A Location header as a path on this origin (the API may send it relative or absolute); an off-origin one gives null. */
export function sameOriginPath(location: string, origin: string = globalThis.location?.origin ?? 'http://localhost'): string | null {
  const url = new URL(location, origin);
  return url.origin === new URL(origin).origin ? `${url.pathname}${url.search}` : null;
}

/** The file name a Content-Disposition header gives (the RFC 6266 filename* form first), or null. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended) return decodeURIComponent(extended[1]!.trim());
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1]!.trim() : null;
}
