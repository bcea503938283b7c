using HotspotIntel.Api.Data;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Concerns;

/// <summary>
/// A report that mentions a premises or vehicle, as a licensing check shows it: what was reported, when, how it is
/// graded and by whom. Never who it is about: no persons, no location. The narrative is the one
/// <c>reports_for_role</c> gives the caller. Tasking members and licensing officers are never listed a child-linked
/// report: listed against a premises or vehicle, it would say where the child was (migrations/0015).
/// </summary>
/// <param name="ReportId">The report's id.</param>
/// <param name="Category">What kind of concern it is, e.g. premises_concern.</param>
/// <param name="OccurredAt">When it happened (UTC).</param>
/// <param name="RecordedAt">When it was recorded (UTC).</param>
/// <param name="Grading">The 3x5x2 grading as written, e.g. 2B P.</param>
/// <param name="SourceEvaluation">1 (reliable), 2 (untested) or 3 (not reliable).</param>
/// <param name="IntelligenceAssessment">A to E.</param>
/// <param name="HandlingConditions">The conditions of dissemination of a C handling code; null for P.</param>
/// <param name="HistoricGrading">A 5x5x5 grading as first given, never converted.</param>
/// <param name="AgencyId">The recording agency.</param>
/// <param name="AgencyName">The recording agency's name.</param>
/// <param name="Narrative">What the report says, as the caller's role may read it.</param>
public sealed record ReportConcern(
    Guid ReportId,
    ReportCategory Category,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string Grading,
    SourceEvaluation SourceEvaluation,
    IntelligenceAssessment IntelligenceAssessment,
    string? HandlingConditions,
    string? HistoricGrading,
    Guid AgencyId,
    string AgencyName,
    string Narrative);

/// <summary>
/// The reports that mention one record, through <c>reports_for_role</c> and row-level security on the mention tables,
/// which hide mentions of child-linked reports from masked roles.
/// </summary>
public static class ReportConcerns
{
    /// <summary>At most this many concerns, newest first; a premises with more is flagged so the reader knows.</summary>
    public const int MaxConcerns = 500;

    /// <summary>The concerns among <paramref name="reports"/> (already narrowed to those mentioning the record), newest first, and whether there are more.</summary>
    public static async Task<(List<ReportConcern> Concerns, bool More)> ListAsync(HotspotIntelDbContext db, IQueryable<IntelligenceReport> reports,
        CancellationToken cancellationToken)
    {
        var rows = await reports.AsNoTracking()
            .Join(db.Agencies, r => r.AgencyId, a => a.Id, (r, a) => new
            {
                r.Id,
                r.Category,
                r.OccurredAt,
                r.RecordedAt,
                r.SourceEvaluation,
                r.IntelligenceAssessment,
                r.HandlingCode,
                r.HandlingConditions,
                r.HistoricGrading,
                r.AgencyId,
                AgencyName = a.Name,
                r.Narrative,
            })
            .OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id)
            .Take(MaxConcerns + 1)
            .ToListAsync(cancellationToken);
        var concerns = rows.Take(MaxConcerns).Select(r => new ReportConcern(r.Id, r.Category, r.OccurredAt, r.RecordedAt,
            new Grading(r.SourceEvaluation, r.IntelligenceAssessment, r.HandlingCode, r.HandlingConditions).Code,
            r.SourceEvaluation, r.IntelligenceAssessment, r.HandlingConditions, r.HistoricGrading, r.AgencyId, r.AgencyName, r.Narrative)).ToList();
        return (concerns, rows.Count > MaxConcerns);
    }
}
