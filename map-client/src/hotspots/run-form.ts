import { getRun, publishRun, startRun } from '../api/hotspots';
import { ApiError } from '../api/problem';
import { hotspotMethods, type HotspotMethod, type HotspotRun } from '../api/types';
import type { ViewContext } from '../state/view-context';
import { element } from '../ui/dom';
import { describeRun, methodLabels, pollRun, runParameters, runRequestFrom } from './hotspot-runs';

/**
 * The analyst's "run hotspot analysis" form: a method and the parameters to change (blank keeps the configured
 * value), then the run followed until it succeeds, fails or is skipped, with the API's Problem Details on refusal.
 * One instance lives as long as the view, so a run being followed survives the view re-rendering for new filters.
 */
export class HotspotRunForm {
  readonly element: HTMLElement;
  private readonly progress = element('div', { class: 'run-progress', role: 'status', 'aria-live': 'polite' });
  private readonly problem = element('div', { class: 'error', role: 'alert', hidden: '' });
  /** An analyst's run is a trial, seen by analysts and supervisors only, until this publishes it. */
  private readonly publish = element('button', { type: 'button', hidden: '' }, 'Publish this run');
  private following: AbortController | null = null;

  constructor(
    private readonly context: ViewContext,
    private readonly onFinished: (run: HotspotRun) => void,
  ) {
    const method = element('select', { id: 'run-method', name: 'method' });
    for (const code of hotspotMethods) method.append(element('option', { value: code }, methodLabels[code]));
    const fields = runParameters.map((parameter) => {
      const id = `run-${parameter.name}`;
      const input = element('input', { id, name: parameter.name, type: 'number', min: String(parameter.min), max: String(parameter.max), step: parameter.step, placeholder: 'configured' });
      return element(
        'label',
        { for: id, ...('method' in parameter ? { 'data-method': parameter.method } : {}) },
        parameter.label,
        input,
      );
    });
    const submit = element('button', { type: 'submit' }, 'Start run');
    const form = element(
      'form',
      { class: 'run-form', 'aria-label': 'Run hotspot analysis', novalidate: '' },
      element('label', { for: 'run-method' }, 'Method', method),
      element('label', { for: 'run-as-of' }, 'As of', element('input', { id: 'run-as-of', name: 'asOf', type: 'date', placeholder: 'today' })),
      ...fields,
      submit,
    );
    const showMethodFields = () => {
      for (const field of fields) field.hidden = field.dataset.method !== undefined && field.dataset.method !== (method.value as HotspotMethod);
    };
    method.onchange = showMethodFields;
    showMethodFields();
    form.onsubmit = (event) => {
      event.preventDefault();
      const values = Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value)]));
      void this.start(values, submit);
    };
    this.element = element('section', { 'aria-label': 'Hotspot analysis run' }, element('h2', {}, 'Run hotspot analysis'), form, this.problem, this.progress, this.publish);
  }

  /** Stops following a run (the view closed); the run itself carries on at the server. */
  stop(): void {
    this.following?.abort();
    this.following = null;
  }

  private async start(values: Record<string, string>, submit: HTMLButtonElement): Promise<void> {
    this.problem.hidden = true;
    this.publish.hidden = true;
    const { request, problems } = runRequestFrom(values);
    if (problems.length) {
      this.showProblem(problems);
      return;
    }
    this.stop();
    const following = new AbortController();
    this.following = following;
    submit.disabled = true;
    this.progress.textContent = 'Starting run…';
    try {
      const { run, location } = await startRun(this.context.api, request, following.signal);
      this.progress.dataset.runId = run.id;
      const final = await pollRun(
        () => this.context.api.get<HotspotRun>(location, following.signal).catch(() => getRun(this.context.api, run.id, following.signal)),
        (current) => {
          this.progress.textContent = describeRun(current);
          this.progress.dataset.status = current.status;
        },
        { signal: following.signal, intervalMs: 1000 },
      );
      this.onFinished(final);
      if (final.status === 'succeeded' && !final.publishedAt) this.offerPublication(final);
    } catch (error) {
      if (following.signal.aborted) return;
      this.progress.textContent = '';
      this.showProblem(error instanceof ApiError ? error.describe() : [String(error instanceof Error ? error.message : error)]);
    } finally {
      submit.disabled = false;
    }
  }

  private offerPublication(run: HotspotRun): void {
    this.publish.hidden = false;
    this.publish.onclick = async () => {
      this.publish.disabled = true;
      try {
        const published = await publishRun(this.context.api, run.id);
        this.publish.hidden = true;
        this.progress.textContent = `Run ${published.id.slice(0, 8)} published: the map, lists and checks of every user now show it.`;
        this.progress.dataset.status = 'published';
      } catch (error) {
        this.showProblem(error instanceof ApiError ? error.describe() : [String(error instanceof Error ? error.message : error)]);
      } finally {
        this.publish.disabled = false;
      }
    };
  }

  private showProblem(lines: string[]): void {
    this.problem.replaceChildren(...lines.map((line, index) => element(index === 0 ? 'strong' : 'p', {}, line)));
    this.problem.hidden = false;
  }
}
