using HotspotIntel.Api.Concerns;

namespace HotspotIntel.Api.Vehicles;

/// <summary>What a licensing check asks of a vehicle: the reports that mention it, as the caller may see them.</summary>
/// <param name="VehicleId">The vehicle checked.</param>
/// <param name="Reports">Reports mentioning it, newest first (at most 500).</param>
/// <param name="MoreReports">Whether more reports mention it than are listed.</param>
public sealed record VehicleConcerns(Guid VehicleId, IReadOnlyList<ReportConcern> Reports, bool MoreReports);
