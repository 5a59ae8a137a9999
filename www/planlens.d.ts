// Types of planlens' JS API (window.planlens), the <plan-lens> element and embed.js.
// Shipped next to embed.js in dist/. The analysis is the plan-analysis/1 document
// (docs/web.md, crates/core/src/model.rs); spans count chars (Unicode scalar values),
// span16 counts UTF-16 code units: text.slice(span16[0], span16[1]) is the passage.

export type Span = [number, number];

export type SectionKind = 'background' | 'principles' | 'goals' | 'tasks' | 'projects' | 'safeguards' | 'other';
export type Basis = 'note' | 'label_line' | 'table_row' | 'annex_row' | 'inherited' | 'duty_paragraph' | 'none';
export type YearBasis = 'sentence' | 'section' | 'plan_period' | 'none';
export type Comparator = 'at_least' | 'at_most' | 'about' | 'range' | 'exact';

export interface Meta {
  title: string | null;
  issuer: string | null;
  /** 文号, e.g. 静府发〔2016〕20号 */
  doc_number: string | null;
  /** ISO date YYYY-MM-DD */
  date: string | null;
  date_text: string | null;
  recipients: string[];
  script: 'simplified' | 'traditional' | 'mixed';
  year: number | null;
}

export interface SourceInfo {
  name: string | null;
  /** text, docx, html, pdf */
  format: string;
  encoding: string | null;
  warnings: string[];
  chars: number;
}

export interface OutlineNode {
  id: string;
  marker: string;
  title: string;
  level: number;
  kind: SectionKind;
  span: Span;
  heading_span: Span;
  children: OutlineNode[];
}

export interface Deadline {
  text: string;
  date: string | null;
}

export interface Measure {
  id: string;
  section: string;
  path: string[];
  section_kind: SectionKind;
  title: string | null;
  text: string;
  lead: string[];
  support: string[];
  deadline: Deadline | null;
  span: Span;
  note_span: Span | null;
  basis: Basis;
  /** Set when the user corrected the row. */
  edited?: boolean;
  /** span in UTF-16 code units (JS API and iframe results only). */
  span16?: Span;
  note_span16?: Span;
}

export interface Target {
  id: string;
  text: string;
  indicator: string;
  value: number;
  value_max: number | null;
  unit: string;
  comparator: Comparator;
  year: number | null;
  year_basis: YearBasis;
  measure: string | null;
  section: string;
  span: Span;
  edited?: boolean;
  /** span in UTF-16 code units (JS API and iframe results only). */
  span16?: Span;
}

export interface UnitEntry {
  name: string;
  lead: string[];
  support: string[];
}

export interface Warning {
  kind: string;
  message: string;
  span: Span;
}

export interface Analysis {
  schema: 'plan-analysis/1';
  meta: Meta;
  source: SourceInfo;
  outline: OutlineNode[];
  measures: Measure[];
  targets: Target[];
  units: UnitEntry[];
  warnings: Warning[];
  /** Names in `units` that look like one unit, the suggested name first (absent when none). */
  unit_variants?: string[][];
}

export interface PlanlensApi {
  readonly version: string;
  readonly schema: 'plan-analysis/1';
  /** Analyse text in the analysis worker (line ends normalised to LF first); rejects
   *  with an Error whose message is in Chinese when the argument is not a string or
   *  the analysis failed. */
  analyze(text: string): Promise<Analysis>;
  /** The analysis on the page's screen (merged unit names applied), or null. Page only. */
  current?(): Analysis | null;
}

/** planlens-embed/1: messages between a host and index.html?embed=1. */
export type EmbedMessage =
  | { protocol: 'planlens-embed/1'; type: 'ready'; version: string }
  | { protocol: 'planlens-embed/1'; type: 'analyze'; id?: unknown; text: string; name?: string }
  | { protocol: 'planlens-embed/1'; type: 'result'; id?: unknown; analysis: Analysis }
  | { protocol: 'planlens-embed/1'; type: 'error'; id?: unknown; message: string; code?: 'origin_not_allowed' };

export interface PlanLensElement extends HTMLElement {
  /** Resolves to the analysis; in app mode rejects (error.code 'origin_not_allowed' | 'not_ready') instead of hanging. */
  analyze(text: string): Promise<Analysis>;
}

/** embed.js */
export function loadPlanlens(): Promise<PlanlensApi>;
/** The 任务分解表 of an analysis as CSV (UTF-8 with BOM, CRLF). */
export function tasksCsv(analysis: Analysis): string;

declare global {
  interface Window {
    planlens?: PlanlensApi;
  }
  interface WindowEventMap {
    'planlens-ready': CustomEvent<{ version: string }>;
  }
  interface HTMLElementTagNameMap {
    'plan-lens': PlanLensElement;
  }
  interface HTMLElementEventMap {
    'planlens-analysis': CustomEvent<Analysis>;
  }
}
