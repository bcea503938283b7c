namespace HotspotIntel.Api.Lists;

/// <summary>
/// Endpoint metadata naming the lists whose query parameters an endpoint reads from the query string itself (their
/// filters differ by list), so that the OpenAPI document can declare them.
/// </summary>
public sealed record ListParametersMetadata(IReadOnlyList<IListTable> Tables);
