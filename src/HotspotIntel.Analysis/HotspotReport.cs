using HotspotIntel.Core.Grading;

namespace HotspotIntel.Analysis;

/// <summary>
/// One intelligence report as hotspot analysis sees it: where it happened (metres in British National Grid or another
/// metric CRS, X easting, Y northing), when, and its grading, from which <see cref="ReportWeighting"/> weighs it.
/// </summary>
public readonly record struct HotspotReport(
    PlanarPoint Point,
    DateTimeOffset OccurredAt,
    SourceEvaluation SourceEvaluation,
    IntelligenceAssessment IntelligenceAssessment);
