using HotspotIntel.Core.Records;

namespace HotspotIntel.Api.Exports;

/// <summary>
/// A written export: the file (a temporary one, deleted when closed), its strictest marking, and the keys of the rows
/// in it (an export of person-level data logs them).
/// </summary>
public sealed record ExportFile(Stream Content, SecurityMarking Marking, IReadOnlyList<Guid> Keys) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
