using HotspotIntel.Api.Lists;
using HotspotIntel.Core.Records;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Exports;

/// <summary>Writes an export's rows as they are read, then what only the whole tells (the strictest marking).</summary>
internal interface IListWriter
{
    /// <summary>One row, with its geometry already in the export's CRS.</summary>
    void Write(ListRow row, Geometry? geometry);

    Task FinishAsync(SecurityMarking marking, CancellationToken cancellationToken);
}
