using HotspotIntel.Api.Json;
using HotspotIntel.Api.Records;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Reports;

namespace HotspotIntel.Api.Reports;

/// <summary>The properties of a report feature.</summary>
public sealed record ReportProperties(
    ReportCategory Category,
    IReadOnlyList<string> IndicatorCodes,
    string Narrative,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    int LocationPrecisionMeters,
    SourceEvaluation SourceEvaluation,
    IntelligenceAssessment IntelligenceAssessment,
    string Grading,
    string? HistoricGrading,
    RestrictionsView Restrictions,
    Guid? ImportId,
    DateOnly? ErasedOn,
    IReadOnlyList<Guid> PersonIds,
    IReadOnlyList<Guid> PremisesIds,
    IReadOnlyList<Guid> VehicleIds,
    IReadOnlyList<Guid> LocationIds,
    IReadOnlyList<Guid> PhoneNumberIds,
    IReadOnlyList<Guid> OnlineIdentifierIds)
{
    public static Feature<ReportProperties> FeatureOf(IntelligenceReport report) => new(report.Id, report.Location, new(
        report.Category, report.IndicatorCodes, report.Narrative, report.OccurredAt, report.RecordedAt, report.LocationPrecisionMeters,
        report.SourceEvaluation, report.IntelligenceAssessment, report.Grading.Code, report.HistoricGrading,
        RestrictionsView.Of(report), report.ImportId, report.ErasedOn,
        [.. report.Persons.Select(p => p.Id)], [.. report.Premises.Select(p => p.Id)],
        [.. report.Vehicles.Select(v => v.Id)], [.. report.Locations.Select(l => l.Id)],
        [.. report.PhoneNumbers.Select(n => n.Id)], [.. report.OnlineIdentifiers.Select(o => o.Id)]));
}
