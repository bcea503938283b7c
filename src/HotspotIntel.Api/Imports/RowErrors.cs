namespace HotspotIntel.Api.Imports;

/// <summary>The problems found in one import file: the first <see cref="Limit"/> kept to report, the rest only counted.</summary>
internal sealed class RowErrors
{
    // Enough to fix a file by; a file with every row wrong should not become a response of millions of errors.
    public const int Limit = 1000;

    private readonly List<RowError> _kept = [];

    public bool Any => _kept.Count > 0;

    public IReadOnlyList<RowError> Kept => _kept;

    /// <summary>How many errors there were beyond <see cref="Kept"/>.</summary>
    public int More { get; private set; }

    /// <summary>How many rows had errors.</summary>
    public int InvalidRows { get; private set; }

    public void Add(RowError error)
    {
        if (_kept.Count < Limit)
        {
            _kept.Add(error);
        }
        else
        {
            More++;
        }
    }

    /// <summary>Adds every problem of <paramref name="row"/>, naming fields as its file does.</summary>
    public void Add(ImportRow row)
    {
        InvalidRows++;
        foreach (var (field, reasons) in row.Errors.ToDictionary())
        {
            foreach (var reason in reasons)
            {
                Add(new RowError(row.Number, row.FileName(field), reason));
            }
        }
    }
}
