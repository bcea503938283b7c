using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Records;
using HotspotIntel.Core.Reports;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Reports;

/// <summary>
/// The rules a report's own fields must keep, which need no database: the JSON API and bulk imports both apply them,
/// so a report one accepts the other accepts too.
/// </summary>
internal static class ReportRules
{
    /// <summary>
    /// Checks <paramref name="request"/> into <paramref name="errors"/> and, when it passes, copies it onto
    /// <paramref name="report"/> (a new one belongs to the recording user's agency unless it already names one); its
    /// indicator codes against <paramref name="indicators"/>; the mentions are the caller's to check.
    /// </summary>
    public static void Apply(ReportRequest request, IntelligenceReport report, RecordingContext recording, RiskIndicatorList indicators,
        ValidationErrors errors)
    {
        var partnership = recording.Partnership;
        request.ApplyRestrictions(report, recording, partnership.ReviewPeriods.IntelligenceReportDays, errors);
        if (string.IsNullOrWhiteSpace(request.Narrative) || request.Narrative.Length > 20000)
        {
            errors.Add("narrative", "Must be 1 to 20000 characters.");
        }

        TimeInput.NotInFuture(request.OccurredAt, recording.Now, "occurredAt", errors);
        var recordedAt = request.RecordedAt ?? recording.Now;
        TimeInput.NotInFuture(recordedAt, recording.Now, "recordedAt", errors);
        if (recordedAt < request.OccurredAt)
        {
            errors.Add("recordedAt", "Cannot be earlier than occurredAt.");
        }

        if (request.LocationPrecisionMeters is < 0 or > 100000)
        {
            errors.Add("locationPrecisionMeters", "Must be between 0 and 100000 metres.");
        }

        if (request.HistoricGrading is { Length: > 20 })
        {
            errors.Add("historicGrading", "At most 20 characters.");
        }

        var indicatorCodes = indicators.Check(request.IndicatorCodes ?? [], report.IndicatorCodes, errors);
        var location = GeometryInput.ToStored(request.Location, request.CoordinateSystem, partnership.Region, "location", errors, OgcGeometryType.Point);
        if (errors.Any)
        {
            return;
        }

        report.Category = request.Category;
        report.IndicatorCodes = indicatorCodes;
        report.Narrative = request.Narrative.Trim();
        report.OccurredAt = request.OccurredAt;
        report.RecordedAt = recordedAt;
        report.Location = (Point)location!;
        report.LocationPrecisionMeters = request.LocationPrecisionMeters;
        report.SourceEvaluation = request.SourceEvaluation;
        report.IntelligenceAssessment = request.IntelligenceAssessment;
        report.HistoricGrading = string.IsNullOrWhiteSpace(request.HistoricGrading) ? null : request.HistoricGrading.Trim();
        report.UpdatedAt = recording.Now;
    }
}
