import { ApiError } from '../api/problem';
import { byId, element } from './dom';

/** The panel's status line (loading, empty, counts) and its error box (Problem Details). */
export class Feedback {
  private readonly status = byId<HTMLDivElement>('status');
  private readonly problem = byId<HTMLDivElement>('problem');

  say(text: string): void {
    this.status.textContent = text;
  }

  clearProblem(): void {
    this.problem.hidden = true;
    this.problem.replaceChildren();
  }

  /** Shows a failure; an aborted request (the view moved on) is not one. */
  fail(error: unknown): void {
    if (error instanceof DOMException && error.name === 'AbortError') return;
    const lines = error instanceof ApiError ? error.describe() : [String(error)];
    this.problem.replaceChildren(...lines.map((line, index) => element(index === 0 ? 'strong' : 'p', {}, line)));
    this.problem.hidden = false;
    this.status.textContent = '';
  }
}
