import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { GeoJSONSource, LngLatBoundsLike } from 'maplibre-gl';
import {
  exportNetwork,
  getLinkEvidence,
  getNetwork,
  getPaths,
  type ChartFormat,
  type NetworkLink,
  type NetworkNode,
} from '../api/network';
import { ApiError } from '../api/problem';
import { intelligenceAssessments, linkTypeFilters, sourceEvaluations, type Agency } from '../api/types';
import type { AppView, ViewContext } from '../state/view-context';
import { centralities, defaultNodeLimit, maxNodeLimit, type Centrality, type ViewState } from '../state/view-state';
import { byId, element, facts } from '../ui/dom';
import { checkboxFilter, renderFilters, type FilterSection } from '../ui/filters';
import { intelligenceAssessmentLabels, sourceEvaluationLabels } from '../ui/grading-labels';
import { canBePathEnd, canStartFrom, centralityOf, mergeGraphs, pathElements, referenceOf, toElements, type NetworkGraph } from './elements';
import { isJustification, saveJustification, savedJustification } from './justification';
import { entityKindLabels } from './report-named';
import { dateToDay, dayToDate, networkParams, pathParams, withStart } from './network-query';
import { findStarts, isId, searchable, startKinds, type StartKind } from './start-search';
import { categoryLabel } from '../ui/filters';

cytoscape.use(fcose);

const centralityLabels: Record<Centrality, string> = { degree: 'Degree (links)', betweenness: 'Betweenness', eigenvector: 'Eigenvector' };
// Communities, told apart by colour (Okabe–Ito, readable by the colour-blind); the kind is also the node's shape.
const communityColours = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
/** The time slider reaches back this many days (five years): links older than that are found with its left end. */
const sliderDays = 5 * 365;
const sourceId = 'network-selected';

/** The entity kinds an action can be recorded against, as the action's target kind. */
const actionTargetKinds: Partial<Record<string, 'person' | 'premises' | 'vehicle' | 'location'>> = {
  person: 'person',
  premises: 'premises',
  vehicle: 'vehicle',
  location: 'location',
};

/**
 * The network view (link analysis): the persons, premises, vehicles, places and links around where it starts (a
 * person, premises, vehicle, report or hotspot), drawn with cytoscape beside the map. Nodes are expanded hop by hop,
 * links filtered by type, grading and time, nodes sized by centrality and coloured by community; a selected link shows
 * its evidence, selected premises and places are shown on the map, two selected entities give the paths between them,
 * and the network is exported (a disclosure) as GraphML, CSV or ANX. Every question carries the analyst's reason.
 */
export class NetworkView implements AppView {
  private readonly container = element('div', { id: 'network-graph', class: 'network-graph', role: 'img', 'aria-label': 'Network chart; the side panel lists the same entities' });
  private cy: Core | null = null;
  private graph: NetworkGraph = { nodes: [], links: [] };
  private state: ViewState | null = null;
  private loadedFor: string | null = null;
  /** The last export's object URL, released when the next export replaces it (as the map's PNG export does). */
  private download: string | null = null;
  private readonly selection = element('section', { 'aria-label': 'Selection', class: 'network-selection' });
  private readonly entities = element('section', { 'aria-label': 'Entities', class: 'network-entities' });
  private readonly evidence = element('section', { 'aria-label': 'Link evidence', class: 'network-evidence' });
  private readonly paths = element('section', { 'aria-label': 'Paths', class: 'network-paths' });
  private readonly exportForm = element('form', { 'aria-label': 'Export the network', class: 'network-export' });
  private signal: AbortSignal | undefined;

  constructor(private readonly context: ViewContext) {}

  async show(state: ViewState, signal: AbortSignal): Promise<void> {
    this.state = state;
    this.signal = signal;
    const { content, feedback } = this.context;
    this.context.legend.replaceChildren(...networkLegend());
    this.context.legend.hidden = false;
    renderFilters(this.context.filters, networkFilters(state, this.context.agencies()), this.context.update);
    if (!this.container.isConnected) byId('map').before(this.container);
    this.container.hidden = false;
    this.context.map.resize();
    this.ensureMapLayer();
    const reason = justificationField(() => void this.context.refresh());
    content.replaceChildren(element('h2', {}, 'Network'), reason, startForm(state, this.context, signal));
    if (state.networkStarts.length === 0) {
      this.clearGraph();
      feedback.say(
        'Choose where the network starts: find a person, premises, vehicle, place, phone number or online identifier (or give a report or hotspot by its id), ' +
          'or open it from a hotspot, a report on the map or a premises or vehicle check.',
      );
      return;
    }
    if (!isJustification(savedJustification())) {
      feedback.say('Say why you are looking (10 to 1000 characters) to see the network: it is logged with every answer.');
      return;
    }
    content.append(this.selection, this.evidence, this.paths, this.entities, this.exportForm);
    const key = JSON.stringify(networkParams(state));
    if (this.loadedFor !== key) {
      feedback.say('Loading the network…');
      try {
        const view = await getNetwork(this.context.api, networkParams(state), savedJustification(), signal);
        this.graph = { nodes: view.nodes, links: view.links };
        this.loadedFor = key;
        feedback.say(
          `${view.nodes.length} entit${view.nodes.length === 1 ? 'y' : 'ies'} and ${view.links.length} link${view.links.length === 1 ? '' : 's'}` +
            (view.truncated ? `: more were within reach than the limit of ${view.nodeLimit}, the nearest and best connected are shown.` : '.'),
        );
      } catch (error) {
        this.loadedFor = null;
        this.clearGraph();
        if (error instanceof ApiError && error.status === 403) {
          content.replaceChildren(element('h2', {}, 'Network'), refusal(this.context.role));
          // No chart to show: the map takes its place again.
          this.container.hidden = true;
          this.context.map.resize();
          feedback.say('');
          return;
        }
        throw error;
      }
      this.evidence.replaceChildren();
      this.paths.replaceChildren();
    }
    this.draw(state);
    this.renderSelection();
    this.renderEntities();
    this.renderExport(state);
  }

  hide(): void {
    this.container.hidden = true;
    this.context.legend.hidden = true;
    this.context.content.replaceChildren();
    this.setMapPoints([]);
    this.context.map.resize();
  }

  // The chart.

  private chart(): Core {
    if (this.cy) return this.cy;
    const cy = cytoscape({
      container: this.container,
      wheelSensitivity: 0.3,
      // A network of two or three entities is not blown up to fill the chart.
      maxZoom: 2.5,
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            width: 'data(size)',
            height: 'data(size)',
            'font-size': 10,
            'text-valign': 'bottom',
            'text-margin-y': 3,
            'background-color': (node: NodeSingular) => communityColours[Math.max(0, Number(node.data('community'))) % communityColours.length]!,
            'border-width': 1,
            'border-color': '#fff',
          },
        },
        { selector: 'node.premises', style: { shape: 'round-rectangle' } },
        { selector: 'node.vehicle', style: { shape: 'diamond' } },
        { selector: 'node.location', style: { shape: 'triangle' } },
        { selector: 'node.phone_number, node.online_identifier', style: { shape: 'hexagon' } },
        { selector: 'node.start', style: { 'border-width': 4, 'border-color': '#1d3557' } },
        { selector: 'edge', style: { width: 2, 'line-color': '#8d99ae', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 8, color: '#495057', 'text-rotation': 'autorotate' } },
        { selector: 'edge.derived', style: { 'line-style': 'dashed' } },
        { selector: '.on-path', style: { 'line-color': '#d62828', 'border-color': '#d62828', 'border-width': 4, width: 4 } },
        { selector: ':selected', style: { 'overlay-color': '#f4a261', 'overlay-opacity': 0.35, 'overlay-padding': 6 } },
      ],
    });
    cy.on('select unselect', () => this.renderSelection());
    cy.on('select', 'edge', (event) => void this.showEvidence(String(event.target.id())));
    cy.on('dbltap', 'node', (event) => this.expand(String(event.target.id())));
    this.cy = cy;
    window.__hotspotNetwork = cy;
    return cy;
  }

  private draw(state: ViewState): void {
    const cy = this.chart();
    // The chart may have been sized while hidden or before the panel settled: cytoscape must be told, or it draws stretched.
    cy.resize();
    const positions = new Map(cy.nodes().map((node) => [node.id(), { ...node.position() }]));
    const elements = toElements(this.graph, state.centrality ?? 'degree', new Set(state.networkStarts));
    const selected = new Set(cy.$(':selected').map((item) => item.id()));
    cy.batch(() => {
      cy.elements().remove();
      cy.add(elements);
      for (const [id, position] of positions) cy.$id(id).position(position);
      for (const id of selected) cy.$id(id).select();
    });
    const known = cy.nodes().filter((node) => positions.has(node.id())).length;
    // The chart keeps where nodes already were: only a first drawing starts from scratch.
    cy.layout({ name: 'fcose', randomize: known === 0, animate: false, fit: true, padding: 30 } as cytoscape.LayoutOptions).run();
  }

  private clearGraph(): void {
    this.graph = { nodes: [], links: [] };
    this.cy?.elements().remove();
    this.setMapPoints([]);
  }

  private node(id: string): NetworkNode | undefined {
    return this.graph.nodes.find((node) => node.id === id);
  }

  private selectedNodes(): NetworkNode[] {
    return (this.cy?.nodes(':selected').map((node) => this.node(node.id())) ?? []).filter((node): node is NetworkNode => node !== undefined);
  }

  /** Expanding a node makes it a start: the network is asked again with it, one hop further from it. */
  private expand(id: string): void {
    const node = this.node(id);
    if (!node || !canStartFrom(node) || !this.state) return;
    this.context.update({ networkStarts: withStart(this.state.networkStarts, referenceOf(node)) });
  }

  // The panel.

  private renderSelection(): void {
    const nodes = this.selectedNodes();
    this.showOnMap(nodes);
    for (const box of this.entities.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
      box.checked = nodes.some((node) => node.id === box.value);
    }
    if (nodes.length === 0) {
      this.selection.replaceChildren(element('p', { class: 'hint' }, 'Select an entity (on the chart or in the list) to expand it; select two to find the paths between them; select a link for its evidence.'));
      return;
    }
    const expand = element('button', { type: 'button', id: 'network-expand' }, nodes.length === 1 ? 'Expand one hop' : `Expand ${nodes.length} one hop`);
    expand.disabled = !nodes.some(canStartFrom);
    expand.onclick = () => {
      if (!this.state) return;
      let starts = this.state.networkStarts;
      for (const node of nodes.filter(canStartFrom)) starts = withStart(starts, referenceOf(node));
      this.context.update({ networkStarts: starts });
    };
    const findPath = element('button', { type: 'button', id: 'network-find-path' }, 'Find paths');
    findPath.disabled = !(nodes.length === 2 && nodes.every(canBePathEnd));
    findPath.onclick = () => void this.findPaths(nodes[0]!, nodes[1]!);
    // One selected person, premises, vehicle or place can be acted on: the new-action form, with it as the target.
    const only = nodes.length === 1 ? nodes[0]! : null;
    const actionKind = only ? actionTargetKinds[only.kind] : undefined;
    const newAction = only && actionKind ? element('button', { type: 'button', id: 'network-new-action' }, `New action on this ${entityKindLabels[only.kind]?.toLowerCase() ?? only.kind}`) : null;
    if (newAction && only && actionKind) newAction.onclick = () => this.context.update({ view: 'actions', action: 'new', target: `${actionKind}:${only.id}` });
    this.selection.replaceChildren(
      element('h3', {}, 'Selected'),
      element('ul', {}, ...nodes.map((node) => element('li', {}, `${entityKindLabels[node.kind] ?? node.kind}: ${node.label}`, node.detail ? ` (${node.detail.replace(/_/g, ' ')})` : ''))),
      element('p', { class: 'network-buttons' }, expand, ' ', findPath, ...(newAction ? [' ', newAction] : [])),
    );
  }

  private renderEntities(): void {
    const measure = this.state?.centrality ?? 'degree';
    const sorted = [...this.graph.nodes].sort((a, b) => centralityOf(b, measure) - centralityOf(a, measure));
    const list = element('ul', { class: 'network-entity-list' });
    for (const node of sorted) {
      const box = element('input', { type: 'checkbox', value: node.id, 'aria-label': `Select ${node.label}` });
      box.onchange = () => {
        const item = this.cy?.$id(node.id);
        if (box.checked) item?.select();
        else item?.unselect();
      };
      list.append(
        element(
          'li',
          { 'data-id': node.id },
          element('label', {}, box, ` ${entityKindLabels[node.kind] ?? node.kind}: ${node.label}`),
          element('span', { class: 'hint' }, ` ${centralityLabels[measure].split(' ')[0]} ${formatMetric(centralityOf(node, measure))}, hop ${node.hop}`),
        ),
      );
    }
    this.entities.replaceChildren(element('h3', {}, 'Entities, most central first'), list);
    this.renderSelection();
  }

  private async showEvidence(linkId: string): Promise<void> {
    const link = this.graph.links.find((item) => item.id === linkId);
    if (!link) return;
    this.evidence.replaceChildren(element('h3', {}, `Evidence: ${linkText(link, this.graph)}`), element('p', {}, 'Loading…'));
    try {
      const evidence = await getLinkEvidence(this.context.api, link, savedJustification(), this.signal);
      this.evidence.replaceChildren(
        element('h3', {}, `Evidence: ${linkText(link, this.graph)}`),
        facts([
          ['Link', link.derivation === 'recorded' ? `Recorded: ${(link.linkType ?? '').replace(/_/g, ' ')}` : `Derived: ${link.derivation.replace(/_/g, ' ')}`],
          ['Grading', link.grading],
          ['Time', link.startsOn || link.endsOn ? `${link.startsOn ?? '…'} to ${link.endsOn ?? '…'}` : null],
        ]),
        evidence.reports.length
          ? element(
              'ul',
              { class: 'network-evidence-list' },
              ...evidence.reports.map((report) =>
                element(
                  'li',
                  {},
                  `${categoryLabel(report.category)}, ${report.occurredAt.slice(0, 16).replace('T', ' ')}, graded ${report.grading}`,
                  report.distanceMeters !== null ? `; ${Math.round(report.distanceMeters)} m and ${Math.round(report.minutesApart ?? 0)} min from the paired report` : '',
                  ' ',
                  element('span', { class: 'hint' }, `report ${report.id.slice(-8)}`),
                ),
              ),
            )
          : element('p', {}, 'No source report you may see.'),
      );
    } catch (error) {
      if (this.signal?.aborted) return;
      this.evidence.replaceChildren(element('h3', {}, 'Evidence'), element('p', { class: 'error' }, describe(error)));
    }
  }

  private async findPaths(one: NetworkNode, other: NetworkNode): Promise<void> {
    if (!this.state) return;
    this.paths.replaceChildren(element('h3', {}, 'Paths'), element('p', {}, 'Looking for paths…'));
    try {
      const found = await getPaths(this.context.api, pathParams(this.state, referenceOf(one), referenceOf(other)), savedJustification(), this.signal);
      // Entities and links on a path but outside the chart so far are added to it.
      this.graph = mergeGraphs(this.graph, { nodes: found.nodes, links: found.links });
      this.draw(this.state);
      this.renderEntities();
      const { nodeIds, linkIds } = pathElements(found.paths);
      const cy = this.chart();
      cy.elements().removeClass('on-path');
      cy.nodes().filter((node) => nodeIds.has(node.id())).addClass('on-path');
      cy.edges().filter((edge) => linkIds.has(edge.id())).addClass('on-path');
      const name = (id: string): string => this.node(id)?.label ?? id.slice(-8);
      this.paths.replaceChildren(
        element('h3', {}, `Paths between ${one.label} and ${other.label}`),
        found.paths.length
          ? element(
              'ol',
              { class: 'network-path-list' },
              ...found.paths.map((path) => element('li', {}, `${path.length} link${path.length === 1 ? '' : 's'}: ${path.nodes.map(name).join(' → ')}`)),
            )
          : element('p', {}, `No path within ${found.searchedHops} links through what you may see${found.searchLimited ? ' (the search reached its bound first)' : ''}.`),
      );
    } catch (error) {
      if (this.signal?.aborted) return;
      this.paths.replaceChildren(element('h3', {}, 'Paths'), element('p', { class: 'error' }, describe(error)));
    }
  }

  private renderExport(state: ViewState): void {
    const format = element('select', { id: 'network-export-format', name: 'format' }, ...(['graphml', 'csv', 'anx'] as const).map((code) => element('option', { value: code }, exportLabels[code])));
    const recipient = element('input', { id: 'network-export-recipient', name: 'recipient', required: '', autocomplete: 'off' });
    const reason = element('textarea', { id: 'network-export-reason', name: 'justification', rows: '2', required: '' });
    const result = element('p', { role: 'status' });
    const submit = element('button', { type: 'submit' }, 'Export');
    this.exportForm.replaceChildren(
      element('h3', {}, 'Export (a disclosure)'),
      element('p', { class: 'hint' }, 'The file holds this network as the filters give it; the disclosure is logged with its recipient and reason.'),
      element('label', { for: 'network-export-format', class: 'stacked' }, 'Format', format),
      element('label', { for: 'network-export-recipient', class: 'stacked' }, 'Recipient', recipient),
      element('label', { for: 'network-export-reason', class: 'stacked' }, 'Reason for disclosure', reason),
      submit,
      result,
    );
    this.exportForm.onsubmit = async (event) => {
      event.preventDefault();
      submit.disabled = true;
      result.className = '';
      result.textContent = 'Exporting…';
      try {
        const file = await exportNetwork(this.context.api, networkParams(state), format.value as ChartFormat, {
          recipient: recipient.value,
          justification: reason.value,
        });
        if (this.download) URL.revokeObjectURL(this.download);
        this.download = URL.createObjectURL(file.content);
        const link = element('a', { href: this.download, download: file.fileName ?? `network.${format.value === 'csv' ? 'zip' : format.value}` }, 'Download again');
        result.replaceChildren(`Exported ${file.fileName ?? ''}. `, link);
        link.click();
      } catch (error) {
        result.className = 'error';
        result.textContent = describe(error);
      } finally {
        submit.disabled = false;
      }
    };
  }

  // The map beside the chart.

  private ensureMapLayer(): void {
    const map = this.context.map;
    if (map.getSource(sourceId)) return;
    map.addSource(sourceId, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({
      id: 'network-selected-points',
      type: 'circle',
      source: sourceId,
      paint: { 'circle-radius': 9, 'circle-color': '#f4a261', 'circle-stroke-color': '#1d3557', 'circle-stroke-width': 3 },
    });
  }

  /** Selected entities with a place (premises, places) are drawn on the map, which moves to show them. */
  private showOnMap(nodes: readonly NetworkNode[]): void {
    const located = nodes.filter((node) => node.longitude !== null && node.latitude !== null);
    this.setMapPoints(located);
    if (located.length === 0) return;
    const lons = located.map((node) => node.longitude!);
    const lats = located.map((node) => node.latitude!);
    const bounds: LngLatBoundsLike = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
    this.context.map.fitBounds(bounds, { padding: 80, maxZoom: 16, duration: 600 });
  }

  private setMapPoints(nodes: readonly NetworkNode[]): void {
    const source = this.context.map.getSource<GeoJSONSource>(sourceId);
    source?.setData({
      type: 'FeatureCollection',
      features: nodes.map((node) => ({
        type: 'Feature',
        id: node.id,
        geometry: { type: 'Point', coordinates: [node.longitude!, node.latitude!] },
        properties: { label: node.label, kind: node.kind },
      })),
    });
    const map = this.context.map.getCanvas();
    map.dataset.networkPoints = String(nodes.length);
  }
}

const exportLabels: Record<ChartFormat, string> = { graphml: 'GraphML', csv: 'CSV (zip of nodes and links)', anx: "i2 Analyst's Notebook (ANX)" };

function formatMetric(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

function linkText(link: NetworkLink, graph: NetworkGraph): string {
  const name = (id: string): string => graph.nodes.find((node) => node.id === id)?.label ?? id.slice(-8);
  return `${name(link.from)} – ${name(link.to)} (${(link.linkType ?? link.derivation).replace(/_/g, ' ')})`;
}

function describe(error: unknown): string {
  return error instanceof ApiError ? error.describe().join(' ') : String(error);
}

function refusal(role: string): HTMLElement {
  return element(
    'div',
    { class: 'network-refused', role: 'alert' },
    element('strong', {}, 'The network is not available to your role.'),
    element(
      'p',
      {},
      `Links between persons, premises and vehicles are person-level intelligence: only analysts and supervisors may see them. ` +
        `The API refused the request for a ${role.replace('_', ' ')} (403).`,
    ),
  );
}

function justificationField(changed: () => void): HTMLElement {
  const text = element('textarea', { id: 'network-justification', rows: '2', 'aria-describedby': 'network-justification-hint' });
  text.value = savedJustification();
  const use = element('button', { type: 'button', id: 'network-justification-use' }, 'Use this reason');
  use.onclick = () => {
    saveJustification(text.value);
    changed();
  };
  return element(
    'div',
    { class: 'field' },
    element('label', { for: 'network-justification' }, 'Why you are looking'),
    text,
    element('p', { class: 'hint', id: 'network-justification-hint' }, '10 to 1000 characters, sent with each question and kept in the audit log.'),
    use,
  );
}

/**
 * Where the network starts: a kind and what it is called (a name, mark, number or handle, found through the kind's own
 * list) or its id. A found record opens the network from it, or joins the starts already there.
 */
function startForm(state: ViewState, context: ViewContext, signal: AbortSignal): HTMLElement {
  const kind = element('select', { id: 'network-start-kind' }, ...startKinds.map((code) => element('option', { value: code }, entityKindLabels[code]!)));
  const text = element('input', { id: 'network-start-text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'network-start-hint' });
  const hint = element('p', { class: 'hint', id: 'network-start-hint' });
  const found = element('div', { class: 'network-start-found', 'aria-live': 'polite' });
  const describeKind = (): void => {
    hint.textContent = searchable(kind.value as StartKind)
      ? 'A name, registration mark, number or handle, or an id (0190a1b2-0000-7000-8000-000000000001).'
      : 'Its id, e.g. 0190a1b2-0000-7000-8000-000000000001.';
  };
  kind.onchange = describeKind;
  describeKind();
  const form = element(
    'form',
    { class: 'network-start', 'aria-label': 'Start the network' },
    element('label', { for: 'network-start-kind' }, 'Start from'),
    kind,
    element('label', { for: 'network-start-text' }, 'Find'),
    text,
    hint,
    element('button', { type: 'submit' }, 'Find and open'),
    found,
  );
  const open = (start: string, add: boolean): void => context.update({ networkStarts: add ? withStart(state.networkStarts, start) : [start] });
  form.onsubmit = async (event) => {
    event.preventDefault();
    const value = text.value.trim();
    const chosen = kind.value as StartKind;
    text.setCustomValidity('');
    if (isId(value)) {
      open(`${chosen}:${value.toLowerCase()}`, false);
      return;
    }
    if (!value || !searchable(chosen)) {
      text.setCustomValidity(searchable(chosen) ? 'Say what to find.' : `A ${entityKindLabels[chosen]!.toLowerCase()} is found by its id, e.g. 0190a1b2-0000-7000-8000-000000000001.`);
      text.reportValidity();
      return;
    }
    if (chosen === 'person' && !isJustification(savedJustification())) {
      found.replaceChildren(element('p', { class: 'error' }, 'Say why you are looking first: finding persons is a logged read.'));
      return;
    }
    found.replaceChildren(element('p', {}, 'Finding…'));
    try {
      const candidates = await findStarts(context.api, chosen, value, savedJustification(), signal);
      found.replaceChildren(
        candidates.length
          ? element(
              'ul',
              { class: 'network-start-list', 'aria-label': 'Found' },
              ...candidates.map((candidate) => {
                const openIt = element('button', { type: 'button', class: 'network-start-open' }, candidate.label);
                openIt.onclick = () => open(candidate.start, false);
                const add = element('button', { type: 'button', class: 'network-start-add', 'aria-label': `Add ${candidate.label} to the starts` }, 'Add to the starts');
                add.onclick = () => open(candidate.start, true);
                return element('li', { 'data-start': candidate.start }, openIt, ...(state.networkStarts.length ? [' ', add] : []));
              }),
            )
          : element('p', {}, `No ${entityKindLabels[chosen]!.toLowerCase()} you may see matches “${value}”.`),
      );
    } catch (error) {
      if (signal.aborted) return;
      found.replaceChildren(element('p', { class: 'error' }, describe(error)));
    }
  };
  text.oninput = () => text.setCustomValidity('');
  if (state.networkStarts.length) {
    form.append(element('p', { class: 'hint' }, `Starts: ${state.networkStarts.map((start) => `${entityKindLabels[start.split(':')[0]!] ?? ''} ${start.slice(-8)}`).join(', ')}`));
  }
  return form;
}

/**
 * The network's filters: link types, weakest grading followed, the time slider, the agencies whose links it follows,
 * how far out, how many entities at most, and what sizes the nodes.
 */
function networkFilters(state: ViewState, agencies: Promise<readonly Agency[]>): FilterSection[] {
  const types = checkboxFilter('Link types (none ticked: all)', 'linkType', 'linkTypes', linkTypeFilters, (code) => code.replace(/_/g, ' '), state.linkTypes);
  const source = element('select', { id: 'network-min-source', name: 'minSource' }, element('option', { value: '' }, 'Any, ungraded too'), ...sourceEvaluations.map((code) => element('option', { value: code }, `${sourceEvaluationLabels[code]} or better`)));
  source.value = state.minSourceEvaluation ?? '';
  const assessment = element('select', { id: 'network-min-assessment', name: 'minAssessment' }, element('option', { value: '' }, 'Any, ungraded too'), ...intelligenceAssessments.map((code) => element('option', { value: code }, `${intelligenceAssessmentLabels[code]} or better`)));
  assessment.value = state.minIntelligenceAssessment ?? '';
  const today = new Date().toISOString().slice(0, 10);
  // The slider runs from the past (left) to today (right): its value is days back, so it is shown reversed.
  const from = element('input', { type: 'range', id: 'network-from', name: 'fromDays', min: String(-sliderDays), max: '0', step: '1' });
  const to = element('input', { type: 'range', id: 'network-to', name: 'toDays', min: String(-sliderDays), max: '0', step: '1' });
  from.value = String(-dateToDay(today, state.from, sliderDays, sliderDays));
  to.value = String(-dateToDay(today, state.to, sliderDays, 0));
  const fromText = element('output', { for: 'network-from' });
  const toText = element('output', { for: 'network-to' });
  const label = (): void => {
    if (Number(from.value) > Number(to.value)) to.value = from.value;
    fromText.textContent = Number(from.value) === -sliderDays ? 'any time' : dayToDate(today, -Number(from.value));
    toText.textContent = Number(to.value) === 0 ? 'today' : dayToDate(today, -Number(to.value));
  };
  from.oninput = label;
  to.oninput = label;
  label();
  const hops = element('select', { id: 'network-hops', name: 'hops' }, ...[1, 2, 3].map((n) => element('option', { value: String(n) }, `${n} hop${n === 1 ? '' : 's'}`)));
  hops.value = String(state.hops ?? 1);
  const nodeLimit = element('input', { type: 'number', id: 'network-node-limit', name: 'nodeLimit', min: '1', max: String(maxNodeLimit), step: '1', required: '' });
  nodeLimit.value = String(state.nodeLimit ?? defaultNodeLimit);
  const size = element('select', { id: 'network-size', name: 'size' }, ...centralities.map((code) => element('option', { value: code }, centralityLabels[code])));
  size.value = state.centrality ?? 'degree';
  return [
    types,
    {
      element: element(
        'fieldset',
        {},
        element('legend', {}, 'Weakest grading followed'),
        element('label', { for: 'network-min-source', class: 'stacked' }, 'Source evaluation', source),
        element('label', { for: 'network-min-assessment', class: 'stacked' }, 'Intelligence assessment', assessment),
      ),
      read: (data) => ({
        minSourceEvaluation: (sourceEvaluations as readonly string[]).includes(String(data.get('minSource'))) ? (String(data.get('minSource')) as ViewState['minSourceEvaluation']) : null,
        minIntelligenceAssessment: (intelligenceAssessments as readonly string[]).includes(String(data.get('minAssessment')))
          ? (String(data.get('minAssessment')) as ViewState['minIntelligenceAssessment'])
          : null,
      }),
    },
    {
      element: element(
        'fieldset',
        { class: 'network-time' },
        element('legend', {}, 'Link time'),
        element('label', { for: 'network-from', class: 'stacked' }, 'From ', fromText, from),
        element('label', { for: 'network-to', class: 'stacked' }, 'To ', toText, to),
      ),
      read: (data) => {
        const [back, forward] = [-Number(data.get('fromDays')), -Number(data.get('toDays'))];
        return { from: back >= sliderDays ? null : dayToDate(today, back), to: forward <= 0 ? null : dayToDate(today, forward) };
      },
    },
    {
      element: element(
        'fieldset',
        {},
        element('legend', {}, 'Reach and size'),
        element('label', { for: 'network-hops', class: 'stacked' }, 'Hops from the starts', hops),
        element('label', { for: 'network-node-limit', class: 'stacked' }, `Most entities shown (1 to ${maxNodeLimit})`, nodeLimit),
        element('label', { for: 'network-size', class: 'stacked' }, 'Size nodes by', size),
      ),
      read: (data) => {
        const limit = Number(data.get('nodeLimit'));
        return {
          hops: Number(data.get('hops')) || null,
          // The default is left out of the URL; anything the API would refuse falls back to it.
          nodeLimit: Number.isInteger(limit) && limit >= 1 && limit <= maxNodeLimit && limit !== defaultNodeLimit ? limit : null,
          centrality: (centralities as readonly string[]).includes(String(data.get('size'))) ? (String(data.get('size')) as Centrality) : null,
        };
      },
    },
    agencyFilter(state, agencies),
  ];
}

/**
 * The agencies whose links the network follows: recorded by them, or derived from their reports (both reports of a
 * co-location). None ticked: every agency's the user may see. The list fills in when it arrives; agencies the URL names
 * stay ticked whether or not it does.
 */
function agencyFilter(state: ViewState, agencies: Promise<readonly Agency[]>): FilterSection {
  const fieldset = element('fieldset', { class: 'network-agencies' });
  const fill = (listed: readonly Pick<Agency, 'id' | 'name' | 'code'>[]): void => {
    const shown = [...listed, ...state.linkAgencies.filter((id) => !listed.some((agency) => agency.id === id)).map((id) => ({ id, name: `Agency ${id.slice(0, 8)}`, code: '' }))];
    fieldset.replaceChildren(
      element('legend', {}, 'Agencies whose links to follow (none ticked: all you may see)'),
      ...shown.map((agency) => {
        const box = element('input', { type: 'checkbox', name: 'linkAgency', value: agency.id });
        box.checked = state.linkAgencies.includes(agency.id);
        return element('label', {}, box, agency.code ? `${agency.name} (${agency.code})` : agency.name);
      }),
    );
  };
  fill([]);
  void agencies.then(
    (list) => {
      fill(list);
      fieldset.dataset.loaded = 'true';
    },
    // Without the list the agencies in the URL still filter.
    () => undefined,
  );
  return { element: fieldset, read: (data) => ({ linkAgencies: data.getAll('linkAgency').map(String) }) };
}

function networkLegend(): HTMLElement[] {
  return [
    element('strong', {}, 'Network'),
    element(
      'p',
      {},
      'Circle: person; square: premises; diamond: vehicle; triangle: place; hexagon: phone number or online identifier. Colour: community; size: centrality; thick border: a start. ',
      'Dashed links are derived from reports (co-occurrence, co-location); red marks the paths found.',
    ),
  ];
}

declare global {
  interface Window {
    /** The network chart, for end-to-end tests that select nodes on it. */
    __hotspotNetwork?: Core;
  }
}
