/** An RFC 9457 Problem Details body as the API sends it (validation problems add `errors`: field -> reasons). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
}

/** A failed API call: the HTTP status and the Problem Details the API gave, or one made up when it gave none. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemDetails,
  ) {
    super(problem.title ?? `Request failed with status ${status}`);
    this.name = 'ApiError';
  }

  /** One line per thing a person can act on: the title, the detail, then each field and its reasons. */
  describe(): string[] {
    const lines = [this.problem.title ?? `Request failed (${this.status})`];
    if (this.problem.detail) lines.push(this.problem.detail);
    for (const [field, reasons] of Object.entries(this.problem.errors ?? {})) {
      lines.push(`${field}: ${reasons.join(' ')}`);
    }
    return lines;
  }
}

export async function readProblem(response: Response): Promise<ProblemDetails> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return (await response.json()) as ProblemDetails;
    } catch {
      // A body that claims JSON but is not: fall through to the status line.
    }
  }
  return { status: response.status, title: statusTitle(response.status) };
}

function statusTitle(status: number): string {
  switch (status) {
    case 401:
      return 'Your sign-in has expired or is not valid. Sign in again.';
    case 403:
      return 'Your role may not do this.';
    case 404:
      return 'Not found.';
    default:
      return `Request failed with status ${status}.`;
  }
}
