import type { HandlingCode, IntelligenceAssessment, SourceEvaluation } from '../api/types';

// The 3x5x2 grading in the College of Policing's words (docs/architecture.md, The domain in brief; Core Grading), each led by its code so that a
// label reads the way the grading is written ("1A P").

export const sourceEvaluationLabels: Record<SourceEvaluation, string> = {
  '1': '1 — reliable',
  '2': '2 — untested',
  '3': '3 — not reliable',
};

export const intelligenceAssessmentLabels: Record<IntelligenceAssessment, string> = {
  A: 'A — known directly to the source',
  B: 'B — known indirectly, corroborated',
  C: 'C — known indirectly',
  D: 'D — not known',
  E: 'E — suspected to be false',
};

export const handlingCodeLabels: Record<HandlingCode, string> = {
  P: 'P — lawful sharing permitted',
  C: 'C — may be disseminated with conditions',
};
