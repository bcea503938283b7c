using HotspotIntel.Api.Concerns;

namespace HotspotIntel.Api.Vehicles;

/// <summary>What a licensing check asks of a vehicle: the reports that mention it, as the caller may see them.</summary>
/// <param name="VehicleId">The vehicle checked: the one asked for, or the vehicle it is merged into when the caller may read that one.</param>
/// <param name="MergedVehicleIds">The duplicates merged into it that the caller may read, whose reports are listed with its own.</param>
/// <param name="Reports">Reports mentioning it or a duplicate merged into it, newest first (at most 500).</param>
/// <param name="MoreReports">Whether more reports mention it than are listed.</param>
public sealed record VehicleConcerns(Guid VehicleId, IReadOnlyList<Guid> MergedVehicleIds, IReadOnlyList<ReportConcern> Reports, bool MoreReports);
